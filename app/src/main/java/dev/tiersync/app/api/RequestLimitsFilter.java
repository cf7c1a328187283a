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
 * is a job listing 1,000 artifact ids (about 60 KB).
 */
@Component
public class RequestLimitsFilter extends OncePerRequestFilter {
  public static final int MAX_BODY_BYTES = 256 * 1024;
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
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, null, tooLarge());
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
    chain.doFilter(new BoundedBodyRequest(request), response);
  }

  static String tooLarge() {
    return "the request body must be at most " + MAX_BODY_BYTES + " bytes";
  }

  /** Raised while reading a streamed (chunked) body that grows past the limit. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException() {
      super(tooLarge());
    }
  }

  /** Counts the bytes a streamed body delivers and stops at the limit. */
  private static final class BoundedBodyRequest extends HttpServletRequestWrapper {
    private ServletInputStream bounded;

    BoundedBodyRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (bounded == null) {
        bounded = new BoundedStream(super.getInputStream());
      }
      return bounded;
    }
  }

  private static final class BoundedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    BoundedStream(ServletInputStream in) {
      this.in = in;
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
      if (read > MAX_BODY_BYTES) {
        throw new BodyTooLargeException();
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
