package dev.tiersync.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One {@code PATCH} request through {@code java.net.http.HttpClient}. {@link
 * java.net.HttpURLConnection} refuses the method ({@code setRequestMethod("PATCH")} throws: its
 * list of methods is fixed), and the server honours no method override. The client costs about 100
 * ms of TLS set-up and up to 300 ms at exit (see docs/cli.md, "Start-up"), so it lives in a class
 * of its own that only {@code collection pin} loads.
 */
final class HttpPatch {
  /** The server's answer: its status and body. */
  record Answer(int status, String body) {}

  private HttpPatch() {}

  static Answer send(
      Connection connection, String path, String json, Duration connect, Duration request)
      throws IOException {
    HttpRequest.Builder patch =
        HttpRequest.newBuilder(URI.create(connection.server() + path))
            .timeout(request)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
    if (connection.token() != null) {
      patch.header("Authorization", "Bearer " + connection.token());
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connect)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    try {
      HttpResponse<String> answer =
          client.send(patch.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(answer.statusCode(), answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
