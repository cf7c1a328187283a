package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 of the app in the middle of applying a large artifact, then a restart on the same data:
 * the job must end (success, or cleanly error) and the project must hold the old or the new
 * version, never a mix, with no staging leftovers.
 */
abstract class RestartContract {
  private static final int FILES = 2500;

  abstract Map<String, String> temporalEnv(Path tmp) throws Exception;

  void close() throws Exception {}

  @Test
  void killDuringApply_thenRestart_jobEndsAndTargetIsWhole() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-restart-");
    try {
      ItWorkspace ws = new ItWorkspace(tmp);
      Path skill = ws.collectionSkill("big");
      writeVersion(skill, "v1");
      Path project = ws.newProject("restart");
      Map<String, String> env = new HashMap<>(ws.env());
      env.putAll(temporalEnv(tmp));
      AppProcess app = new AppProcess(tmp, env).start();
      Api api = new Api(app.baseUrl());
      Map<String, Object> request =
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:big"),
              "project_path", project.toString(), "dry_run", false);
      assertThat(api.awaitTerminal(api.createJob(request), Duration.ofSeconds(120)).get("state").asText()).isEqualTo("success");
      Path target = project.resolve(".claude/skills/big");
      String v1 = ItWorkspace.hash(target);

      writeVersion(skill, "v2");
      String v2 = ItWorkspace.hash(skill);
      String jobId = api.createJob(request);
      JsonNode atApply = api.awaitPhase(jobId, "apply", Duration.ofSeconds(60));
      assertThat(atApply.get("state").asText()).as("the kill must land while the job runs").isEqualTo("running");
      Thread.sleep(150);
      app.kill9();

      String afterCrash = ItWorkspace.hash(target);
      app.start();
      JsonNode done = api.awaitTerminal(jobId, Duration.ofSeconds(180));

      assertThat(done.get("state").asText()).isIn("success", "error");
      String finalHash = ItWorkspace.hash(target);
      assertThat(finalHash).isIn(v1, v2);
      if (done.get("state").asText().equals("success")) {
        assertThat(finalHash).isEqualTo(v2);
      }
      assertThat(afterCrash).as("right after the crash the target is absent (between renames) or whole").isIn(null, v1, v2);
      try (Stream<Path> leftovers = Files.list(target.getParent())) {
        assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("big");
      }
      app.stop();
    } finally {
      close();
    }
  }

  /** A large skill: many files whose every line names the version, so a mix is detectable. */
  static void writeVersion(Path skill, String version) throws Exception {
    Files.createDirectories(skill.resolve("ref"));
    Files.writeString(skill.resolve("SKILL.md"), "# big " + version + "\n");
    String body = (version + " lorem ipsum dolor sit amet\n").repeat(120);
    for (int i = 0; i < FILES; i++) {
      Files.writeString(skill.resolve("ref/f" + i + ".md"), body);
    }
  }
}
