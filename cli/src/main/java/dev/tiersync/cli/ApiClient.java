package dev.tiersync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The tiersync REST API over HTTP: JSON in and out as Jackson trees, so that {@code --output json}
 * prints the API's own documents. Every failure becomes a {@link CliException} whose one line says
 * what to do: the server is down, the token is refused, or the server's problem document's {@code
 * detail}.
 *
 * <p>It uses the JDK's {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: on
 * Java 17 the latter builds the default TLS context even for plain HTTP and leaves a selector
 * thread in a native call, which holds up the JVM's exit by 300 ms; together they doubled the time
 * of a command (see docs/cli.md). The one exception is {@code PATCH}, which {@link
 * HttpURLConnection} cannot send ({@link #patch}).
 */
final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  static {
    // HttpURLConnection would silently send a POST again when a kept-alive connection turns out to
    // be closed, and a job would be created twice.
    System.setProperty("sun.net.http.retryPost", "false");
  }

  private final Connection connection;

  ApiClient(Connection connection) {
    this.connection = connection;
  }

  Connection connection() {
    return connection;
  }

  /** A path with its query; null values are left out. */
  static String path(String path, Map<String, ?> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach(
        (name, value) -> {
          if (value != null) {
            q.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
          }
        });
    return path + q;
  }

  /** A query map that keeps the order parameters were added in. */
  static Map<String, Object> query() {
    return new LinkedHashMap<>();
  }

  /** One path segment, percent-encoded (an artifact id {@code type:name}, a job id). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return json(exchange("GET", path, null));
  }

  JsonNode post(String path, JsonNode body) {
    return json(exchange("POST", path, Json.write(body)));
  }

  JsonNode put(String path, JsonNode body) {
    return json(exchange("PUT", path, Json.write(body)));
  }

  JsonNode delete(String path) {
    return json(exchange("DELETE", path, null));
  }

  /** A {@code PATCH}, which {@link HttpURLConnection} cannot send: see {@link HttpPatch}. */
  JsonNode patch(String path, JsonNode body) {
    try {
      HttpPatch.Answer answer =
          HttpPatch.send(connection, path, Json.write(body), CONNECT_TIMEOUT, REQUEST_TIMEOUT);
      return json(checked(answer.status(), answer.body()));
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The result of {@link #download}. */
  record Download(Path file, long size, String sha256) {}

  /**
   * Saves a download to {@code target} (through a temp file beside it, renamed into place) and
   * returns the SHA-256 of its bytes.
   */
  Download download(String path, Path target) {
    HttpURLConnection http = open(path);
    try (InputStream body = http.getInputStream()) {
      Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tiersync-", ".tmp");
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
          size = body.transferTo(out);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        return new Download(target, size, HexFormat.of().formatHex(sha.digest()));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw CliException.usage("cannot save the download to " + target + ": " + e.getMessage());
    }
  }

  private String exchange(String method, String path, String body) {
    HttpURLConnection http = connect(method, path, REQUEST_TIMEOUT);
    try {
      if (body != null) {
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = http.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = http.getResponseCode();
      return checked(status, read(status >= 400 ? http.getErrorStream() : http.getInputStream()));
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The body of a success; any other answer becomes the {@link CliException} it means. */
  private String checked(int status, String text) {
    if (status >= 300) {
      throw refused(status, text);
    }
    return text;
  }

  /** A GET whose body is read by the caller, once the server has answered success. */
  private HttpURLConnection open(String path) {
    HttpURLConnection http = connect("GET", path, REQUEST_TIMEOUT);
    try {
      int status = http.getResponseCode();
      if (status >= 300) {
        String text = read(status >= 400 ? http.getErrorStream() : http.getInputStream());
        http.disconnect();
        throw refused(status, text);
      }
      return http;
    } catch (IOException e) {
      http.disconnect();
      throw unreachable(e);
    }
  }

  private HttpURLConnection connect(String method, String path, Duration readTimeout) {
    try {
      HttpURLConnection http =
          (HttpURLConnection) URI.create(connection.server() + path).toURL().openConnection();
      http.setRequestMethod(method);
      http.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      http.setReadTimeout((int) readTimeout.toMillis());
      http.setInstanceFollowRedirects(false);
      http.setUseCaches(false);
      http.setRequestProperty("Accept", "application/json, text/event-stream, */*");
      if (connection.token() != null) {
        http.setRequestProperty("Authorization", "Bearer " + connection.token());
      }
      return http;
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot request " + connection.server() + path + ": " + e);
    }
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The one line for a server that cannot be reached. */
  CliException unreachable(IOException e) {
    String why;
    if (e instanceof ConnectException) {
      why = "connection refused";
    } else if (e instanceof UnknownHostException) {
      why = "unknown host " + e.getMessage();
    } else if (e instanceof SocketTimeoutException) {
      why =
          e.getMessage() != null && e.getMessage().contains("connect")
              ? "it did not accept a connection within " + CONNECT_TIMEOUT.toSeconds() + " s"
              : "it did not answer in time";
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return CliException.usage(
        "cannot reach the tiersync server at "
            + connection.server()
            + ": "
            + why
            + " (start it with scripts/run.sh, or point --server or TIERSYNC_URL at it)");
  }

  private JsonNode json(String body) {
    try {
      return Json.read(body);
    } catch (JsonProcessingException e) {
      throw CliException.usage(
          "the server at " + connection.server() + " did not answer as tiersync does (not JSON)");
    }
  }

  /** The one line for an answer that is not a success, from its problem document. */
  CliException refused(int status, String body) {
    JsonNode problem;
    try {
      problem = body.isEmpty() ? null : Json.read(body);
    } catch (JsonProcessingException e) {
      problem = null;
    }
    if (status == 401) {
      String message =
          connection.token() == null
              ? "the server at "
                  + connection.server()
                  + " needs an API token: "
                  + connection.tokenSource()
                  + " (set TIERSYNC_TOKEN)"
              : "the server at "
                  + connection.server()
                  + " refused the API token from "
                  + connection.tokenSource()
                  + " (set TIERSYNC_TOKEN to a token it accepts)";
      return new CliException(ExitCodes.USAGE_OR_SERVER, message, problem);
    }
    String detail = problem == null ? null : Json.text(problem, "detail");
    if (detail == null && problem != null) {
      detail = Json.text(problem, "title");
    }
    if (detail == null) {
      return new CliException(
          ExitCodes.USAGE_OR_SERVER,
          "the server at "
              + connection.server()
              + " answered HTTP "
              + status
              + " without a problem document (is it tiersync?)");
    }
    // The request field at fault, unless the detail already opens with it ("name is required").
    String field = Json.text(problem, "field");
    String where = field == null || detail.startsWith(field) ? "" : "field " + field + ", ";
    return new CliException(
        ExitCodes.USAGE_OR_SERVER, detail + " (" + where + "HTTP " + status + ")", problem);
  }
}
