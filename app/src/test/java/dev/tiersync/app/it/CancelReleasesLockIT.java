package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cancel that lands while a job's last artifact is being applied must not leave the artifact's
 * lock held: the job ends {@code canceled} (the artifact it finished writing is reported), and
 * the next job on that artifact runs at once instead of waiting "held by job J" for the lock's
 * lease check.
 */
class CancelReleasesLockIT {
  private static final int FILES = 2000;

  @Test
  void cancelDuringTheLastApply_thenANewJobOnThatArtifactRunsAtOnce() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-cancel-lock-");
    Tiers ws = Tiers.create(tmp);
    Path skill = ws.collection().path("skills/large");
    writeVersion(skill, "v1");
    Path project = ws.project("cancel-lock").dir();
    try (AppProcess app = new AppProcess(tmp, TestDataHome.env(ws)).start()) {
      Api api = new Api(app.baseUrl());
      Map<String, Object> request =
          Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:large"),
              "project_path", project.toString(), "dry_run", false);
      assertThat(api.awaitTerminal(api.createJob(request), Duration.ofSeconds(120)).get("state").asText()).isEqualTo("success");
      Path target = project.resolve(".claude/skills/large");
      writeVersion(skill, "v2");
      String v2 = Tiers.hash(skill);

      String canceled = api.createJob(request);
      api.awaitPhase(canceled, "apply", Duration.ofSeconds(60));
      awaitStagingCopy(target.getParent());
      Api.Response delete = api.delete("/api/v1/sync/jobs/" + canceled);

      assertThat(delete.status()).isEqualTo(200);
      JsonNode j = delete.body();
      assertThat(j.get("state").asText()).as("a DELETE during the apply reports canceled, never success").isEqualTo("canceled");
      assertThat(j.get("artifacts")).singleElement().satisfies(a -> {
        assertThat(a.get("artifact_id").asText()).isEqualTo("skill:large");
        assertThat(a.get("outcome").asText()).as("the apply under way completed and is reported").isEqualTo("updated");
      });
      assertThat(j.get("log_excerpt").toString()).contains("already written before the cancel took effect: skill:large");
      assertThat(Tiers.hash(target)).isEqualTo(v2);

      writeVersion(skill, "v3");
      String next = api.createJob(request);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      JsonNode n = api.get("/api/v1/sync/jobs/" + next).body();
      while (!List.of("success", "conflict", "error", "canceled").contains(n.get("state").asText())) {
        assertThat(n.get("waiting_reason").isNull() ? "" : n.get("waiting_reason").asText())
            .as("the next job never waits behind the canceled one")
            .doesNotContain(canceled);
        assertThat(System.nanoTime()).as("the next job ends within 20 s: " + n).isLessThan(deadline);
        Thread.sleep(50);
        n = api.get("/api/v1/sync/jobs/" + next).body();
      }
      assertThat(n.get("state").asText()).isEqualTo("success");
      assertThat(Tiers.hash(target)).isEqualTo(Tiers.hash(skill));
      try (Stream<Path> names = Files.list(target.getParent())) {
        assertThat(names.map(p -> p.getFileName().toString())).containsExactly("large");
      }
    }
  }

  /** Waits until the apply has begun writing: its staging copy appears next to the target. */
  private static void awaitStagingCopy(Path skills) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> names = Files.list(skills)) {
        if (names.anyMatch(p -> p.getFileName().toString().startsWith(".tiersync-"))) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the apply never started writing in " + skills);
  }

  private static void writeVersion(Path skill, String version) throws Exception {
    Files.createDirectories(skill.resolve("ref"));
    Files.writeString(skill.resolve("SKILL.md"), "# large " + version + "\n");
    String body = (version + " lorem ipsum dolor sit amet\n").repeat(60);
    for (int i = 0; i < FILES; i++) {
      Files.writeString(skill.resolve("ref/f" + i + ".md"), body);
    }
  }
}
