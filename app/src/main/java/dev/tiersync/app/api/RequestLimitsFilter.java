package dev.tiersync.app.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what an API request may carry before any of it is parsed: a body of at most {@link
 * #MAX_BODY_BYTES} (413, whether the length is declared or the body is streamed), at most {@link
 * #MAX_QUERY_PARAMS} query parameters with values of at most {@link #MAX_QUERY_VALUE_CHARS}
 * characters each (400 naming the parameter). Every legitimate request is far smaller: the largest
 * is a job listing 1,000 artifact ids (about 60 KB). The one exception is the upload of a version
 * ({@code PUT /api/v1/objects/{hash}}, a tar stream of an artifact's files), bounded by {@link
 * #MAX_OBJECT_BYTES}.
 */
@Component
public class RequestLimitsFilter extends OncePerRequestFilter {
  public static final int MAX_BODY_BYTES = 256 * 1024;
  /** The largest version upload: files of a big artifact and the tar records around them. */
  public static final long MAX_OBJECT_BYTES = 512L * 1024 * 1024;
  private static final String OBJECTS = "/api/v1/objects/";
  public static final int MAX_QUERY_PARAMS = 32;
  /** Long enough for any absolute path a file system accepts (Linux PATH_MAX). */
  public static final int MAX_QUERY_VALUE_CHARS = 4096;

  private final ProblemWriter problems;

  public RequestLimitsFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = "PUT".equals(request.getMethod()) && request.getRequestURI().startsWith(OBJECTS) ? MAX_OBJECT_BYTES : MAX_BODY_BYTES;
    if (request.getContentLengthLong() > limit) {
      problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, null, tooLarge(limit));
      return;
    }
    Map<String, String[]> params = request.getParameterMap();
    if (params.size() > MAX_QUERY_PARAMS) {
      problems.write(response, HttpStatus.BAD_REQUEST, null, "at most " + MAX_QUERY_PARAMS + " query parameters are accepted");
      return;
    }
    for (var e : params.entrySet()) {
      for (String value : e.getValue()) {
        if (value.length() > MAX_QUERY_VALUE_CHARS) {
          problems.write(
              response, HttpStatus.BAD_REQUEST, e.getKey(),
              e.getKey() + " must be at most " + MAX_QUERY_VALUE_CHARS + " characters");
          return;
        }
      }
    }
    chain.doFilter(new BoundedBodyRequest(request, limit), response);
  }

  static String tooLarge(long limit) {
    return "the request body must be at most " + limit + " bytes";
  }

  /** Raised while reading a streamed (chunked) body that grows past the limit. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super(tooLarge(limit));
    }
  }

  /** Counts the bytes a streamed body delivers and stops at the limit. */
  private static final class BoundedBodyRequest extends HttpServletRequestWrapper {
    private ServletInputStream bounded;

    private final long limit;

    BoundedBodyRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (bounded == null) {
        bounded = new BoundedStream(super.getInputStream(), limit);
      }
      return bounded;
    }
  }

  private static final class BoundedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    BoundedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > limit) {
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
