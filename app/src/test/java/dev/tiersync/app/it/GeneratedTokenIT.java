package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A first start without TIERSYNC_API_TOKENS generates a token into the data directory (owner
 * only), prints it once with the UI URL, and the API accepts it; the next start reuses it and does
 * not print it again.
 */
class GeneratedTokenIT {
  private static final Pattern SHOWN = Pattern.compile("tiersync is ready at (\\S+) - sign in with this API token .*: (\\S+)");

  @Test
  void firstStart_generatesAndShowsATokenOnce_theApiAcceptsIt() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-token-");
    Map<String, String> env = new HashMap<>(TestDataHome.env(Tiers.create(tmp)));
    env.remove("TIERSYNC_API_TOKENS");
    try (AppProcess app = new AppProcess(tmp, env)) {
      app.start();
      awaitReadyLines(app, 1);
      Matcher shown = SHOWN.matcher(Files.readString(app.log()));
      assertThat(shown.find()).as("the start-up line with the token").isTrue();
      String token = shown.group(2);
      Path file = tmp.resolve("home").resolve("api-token");

      assertThat(shown.group(1)).isEqualTo("http://localhost:" + URI.create(app.baseUrl()).getPort());
      assertThat(Files.readString(file).strip()).isEqualTo(token);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      assertThat(status(app, "/api/v1/sync/jobs", token)).isEqualTo(200);
      assertThat(status(app, "/api/v1/sync/jobs", null)).isEqualTo(401);

      app.stop();
      app.start();
      awaitReadyLines(app, 2);

      assertThat(SHOWN.matcher(Files.readString(app.log())).results().count()).as("shown once only").isEqualTo(1);
      assertThat(status(app, "/api/v1/sync/jobs", token)).isEqualTo(200);
    }
  }

  /** The ready line follows the first healthy answer by a moment; waits for the n-th one. */
  private static void awaitReadyLines(AppProcess app, int n) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (Pattern.compile("tiersync is ready at").matcher(Files.readString(app.log())).results().count() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no ready line #" + n + " in " + app.log());
  }

  private static int status(AppProcess app, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
