package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI end to end: the packaged app on the demo workspace ({@code TIERSYNC_DEMO=true}) with
 * a known token, driven in headless Chromium by {@code web-ui/e2e/ui-e2e.mjs} (playwright-core and
 * the system Chromium). The script opens an artifact and switches diff pairs, runs a dry run then
 * applies it and waits for the toast, resolves a conflict with the double confirmation, downloads
 * a patch bundle and checks its sha256, and writes a screenshot of every main screen to {@code
 * docs/screenshots/}. It fails, rather than skips, when Node, the web UI's npm packages or
 * Chromium are missing.
 */
class UiE2eIT {
  private static final long TIMEOUT_MINUTES = 4;
  private static final List<String> SCREENS =
      List.of("artifacts-list", "artifact-detail-diff", "dry-run-plan", "jobs-panel-toast", "conflict-modal",
          "push-upstream", "debug-drawer");

  @TempDir Path tmp;

  @Test
  void webUi_demoWorkspace_passesTheEndToEndScript() throws Exception {
    Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Path webUi = repo.resolve("web-ui");
    assertThat(webUi.resolve("e2e/ui-e2e.mjs")).as("the e2e script").isRegularFile();
    assertThat(webUi.resolve("node_modules/playwright-core")).as("npm ci has run in web-ui").isDirectory();
    String token = "e2e-" + UUID.randomUUID();
    Map<String, String> env =
        Map.of(
            "TIERSYNC_HOME", tmp.resolve("home").toString(),
            "TIERSYNC_DEMO", "true",
            "TIERSYNC_API_TOKENS", token);

    try (AppProcess app = new AppProcess(tmp, env).start()) {
      ProcessBuilder pb = new ProcessBuilder("node", "e2e/ui-e2e.mjs").directory(webUi.toFile()).redirectErrorStream(true);
      pb.environment().put("BASE_URL", app.baseUrl());
      pb.environment().put("TOKEN", token);
      // target/ by default, so a test run leaves the committed screenshots alone; refresh those with
      // -Dtiersync.screenshots.dir=../docs/screenshots (see docs/ui.md).
      Path shots = Path.of(System.getProperty("tiersync.screenshots.dir", "target/screenshots")).toAbsolutePath().normalize();
      Files.createDirectories(shots);
      Instant started = Instant.now();
      pb.environment().put("SCREENSHOT_DIR", shots.toString());
      Process node = pb.start();
      StringBuilder output = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line; (line = r.readLine()) != null; ) {
                    System.out.println(line);
                    output.append(line).append('\n');
                  }
                } catch (java.io.IOException e) {
                  output.append("(output lost: ").append(e.getMessage()).append(")\n");
                }
              });
      reader.start();
      if (!node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        node.destroyForcibly().waitFor();
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(node.exitValue())
          .as("ui-e2e.mjs exit code; its output:\n%s\napp log tail:\n%s", output, app.tail())
          .isZero();
      for (String screen : SCREENS) {
        Path png = shots.resolve(screen + ".png");
        assertThat(png).as("screenshot %s", screen).isRegularFile();
        assertThat(Files.getLastModifiedTime(png).toInstant()).as("%s written by this run", screen).isAfter(started.minusSeconds(1));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).as("%s is a PNG", screen).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      }
    }
  }
}
