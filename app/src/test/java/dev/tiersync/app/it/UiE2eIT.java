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
 * The web UI end to end: the packaged app as a real process with a known token, driven in
 * headless Chromium by the scripts in {@code web-ui/e2e/} (playwright-core and the system
 * Chromium). Each script writes a screenshot of every screen it passes to the screenshot folder.
 * They fail, rather than skip, when Node, the web UI's npm packages or Chromium are missing.
 *
 * <ul>
 *   <li>{@code ui-e2e.mjs} on the demo workspace ({@code TIERSYNC_DEMO=true}): opens an artifact
 *       and switches diff pairs, runs a dry run then applies it and waits for the toast, resolves
 *       a conflict with the double confirmation (after comparing it side by side in three panes),
 *       downloads a patch bundle and checks its sha256, and rolls the updated skill's collection
 *       copy back from its History timeline (plan and diff, then "rolled back from" and held).
 *   <li>{@code collections-e2e.mjs} on an empty collections root: makes an upstream Git repository
 *       with real {@code git} commands, creates a collection from the empty state, adds a skill and
 *       a command from the repository (dry-run plan, then apply), bumps the skill after a new
 *       upstream commit ("1 commit behind"), pins it to a tag, removes the command, deploys the
 *       skill into a project, edits it there and undeploys it (the local edits shown, then
 *       discarded with force), and adopts a command only the project has.
 *   <li>{@code fleet-e2e.mjs} on an empty collections root: makes an upstream repository and three
 *       projects, sets up through the API a collection whose artifacts are deployed unevenly (one
 *       outdated in two projects, one edited in a project, others missing), then checks the fleet
 *       matrix and its filters, syncs the outdated artifact to its two projects from the page (one
 *       job: plan per project, then apply) until the cells show synced, and holds an artifact from
 *       its detail panel (a past end refused under the field, then the held badge); then a new
 *       upstream commit and a watch pass show live: a drift toast (held, not updated) and the
 *       fleet's badge turning outdated without a reload.
 * </ul>
 */
class UiE2eIT {
  private static final long TIMEOUT_MINUTES = 4;
  private static final List<String> DEMO_SCREENS =
      List.of("artifacts-list", "artifact-detail-diff", "dry-run-plan", "jobs-panel-toast", "conflict-modal",
          "conflict-three-panes", "push-upstream", "debug-drawer", "rollback");
  private static final List<String> COLLECTION_SCREENS =
      List.of("collections-empty", "add-from-git", "add-dry-run-plan", "pin-bump-behind", "undeploy-local-edits");
  private static final List<String> FLEET_SCREENS = List.of("fleet", "fleet-sync-plan", "artifact-hold", "fleet-drift");

  @TempDir Path tmp;

  @Test
  void webUi_demoWorkspace_passesTheEndToEndScript() throws Exception {
    String token = "e2e-" + UUID.randomUUID();
    Map<String, String> env =
        Map.of(
            "TIERSYNC_HOME", tmp.resolve("home").toString(),
            "TIERSYNC_DEMO", "true",
            "TIERSYNC_API_TOKENS", token);

    runScript("e2e/ui-e2e.mjs", env, Map.of("TOKEN", token), DEMO_SCREENS);
  }

  @Test
  void webUi_emptyCollectionsRoot_createsACollectionAndManagesArtifactsFromAGitRepository() throws Exception {
    String token = "e2e-" + UUID.randomUUID();
    Path collections = Files.createDirectories(tmp.resolve("collections"));
    Path projects = Files.createDirectories(tmp.resolve("projects"));
    Path upstream = tmp.resolve("upstream");
    Map<String, String> env =
        Map.of(
            "TIERSYNC_HOME", tmp.resolve("home").toString(),
            "TIERSYNC_COLLECTIONS", collections.toString(),
            "TIERSYNC_PROJECT_ROOTS", projects.toString(),
            "TIERSYNC_API_TOKENS", token);

    runScript(
        "e2e/collections-e2e.mjs",
        env,
        Map.of("TOKEN", token, "UPSTREAM_DIR", upstream.toString(), "PROJECTS_DIR", projects.toString()),
        COLLECTION_SCREENS);

    // What the UI did is on disk: the collection in SkillMeat's layout, the skill pinned to the tag,
    // the command gone with its files, the project's own command adopted, the edited project copy
    // of the skill undeployed.
    Path team = collections.resolve("team");
    assertThat(team.resolve("collection.lock")).isRegularFile();
    String manifest = Files.readString(team.resolve("collection.toml"));
    assertThat(manifest)
        .contains("release-check", "local-notes")
        .containsPattern("version_spec\\s*=\\s*\"v1\"")
        .doesNotContain("deploy.md");
    assertThat(team.resolve("skills/release-check/SKILL.md")).content().doesNotContain("Tag the release commit");
    assertThat(team.resolve("commands/deploy.md")).doesNotExist();
    assertThat(team.resolve("commands/local-notes.md")).isRegularFile();
    assertThat(projects.resolve("webapp/.claude/skills/release-check")).doesNotExist();
  }

  @Test
  void webUi_fleetOfThreeProjects_syncsAnArtifactToTheProjectsBehindAndHoldsAnother() throws Exception {
    String token = "e2e-" + UUID.randomUUID();
    Path collections = Files.createDirectories(tmp.resolve("collections"));
    Path projects = Files.createDirectories(tmp.resolve("projects"));
    Map<String, String> env =
        Map.of(
            "TIERSYNC_HOME", tmp.resolve("home").toString(),
            "TIERSYNC_COLLECTIONS", collections.toString(),
            "TIERSYNC_PROJECT_ROOTS", projects.toString(),
            "TIERSYNC_API_TOKENS", token);

    runScript(
        "e2e/fleet-e2e.mjs",
        env,
        Map.of("TOKEN", token, "UPSTREAM_DIR", tmp.resolve("upstream").toString(), "PROJECTS_DIR", projects.toString()),
        FLEET_SCREENS);

    // The one job from the page wrote the collection's review into beta and gamma (alpha had it),
    // left beta's edited lint alone, and the hold is in collection.toml.
    String review = Files.readString(collections.resolve("fleet/skills/review/SKILL.md"));
    assertThat(review).contains("Run the tests");
    for (String project : List.of("alpha", "beta", "gamma")) {
      assertThat(projects.resolve(project + "/.claude/skills/review/SKILL.md")).content().isEqualTo(review);
    }
    assertThat(projects.resolve("beta/.claude/skills/lint/SKILL.md")).content().contains("Only on changed files");
    assertThat(Files.readString(collections.resolve("fleet/collection.toml")))
        .containsPattern("hold\\s*=\\s*true")
        .contains("e2e: waiting for the security review");
  }

  /** Starts the app with {@code appEnv}, runs {@code script} against it and checks its screenshots. */
  private void runScript(String script, Map<String, String> appEnv, Map<String, String> scriptEnv, List<String> screens)
      throws Exception {
    Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    Path webUi = repo.resolve("web-ui");
    assertThat(webUi.resolve(script)).as("the e2e script").isRegularFile();
    assertThat(webUi.resolve("node_modules/playwright-core")).as("npm ci has run in web-ui").isDirectory();

    try (AppProcess app = new AppProcess(tmp, appEnv).start()) {
      ProcessBuilder pb = new ProcessBuilder("node", script).directory(webUi.toFile()).redirectErrorStream(true);
      pb.environment().putAll(scriptEnv);
      pb.environment().put("BASE_URL", app.baseUrl());
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
          .as("%s exit code; its output:\n%s\napp log tail:\n%s", script, output, app.tail())
          .isZero();
      for (String screen : screens) {
        Path png = shots.resolve(screen + ".png");
        assertThat(png).as("screenshot %s", screen).isRegularFile();
        assertThat(Files.getLastModifiedTime(png).toInstant()).as("%s written by this run", screen).isAfter(started.minusSeconds(1));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).as("%s is a PNG", screen).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      }
    }
  }
}
