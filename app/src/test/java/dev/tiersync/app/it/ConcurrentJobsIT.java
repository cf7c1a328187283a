package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Twenty jobs on the same artifact, created at once: the per-artifact lock makes them run one
 * after another, each ends with an outcome, and the files are never corrupted.
 */
class ConcurrentJobsIT {
  private static final int JOBS = 20;

  @Test
  void twentyJobsOnOneArtifact_runOneAfterAnother() throws Exception {
    Path tmp = Files.createTempDirectory("tiersync-concurrency-");
    Tiers ws = Tiers.create(tmp);
    Path skill = ws.collection().path("skills/shared");
    Files.createDirectories(skill);
    Files.writeString(skill.resolve("SKILL.md"), "shared\n");
    Path project = ws.project("concurrency").dir();
    try (AppProcess app = new AppProcess(tmp, TestDataHome.env(ws)).start()) {
      Api api = new Api(app.baseUrl());
      ExecutorService pool = Executors.newFixedThreadPool(JOBS);
      List<Future<String>> created = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        // Alternate strategies so that the jobs are not all identical requests.
        String strategy = i % 2 == 0 ? "theirs" : "auto";
        Callable<String> create =
            () ->
                api.createJob(
                    Map.of("direction", "collection_to_project", "artifact_ids", List.of("skill:shared"),
                        "project_path", project.toString(), "dry_run", false, "strategy", strategy));
        created.add(pool.submit(create));
      }
      List<JsonNode> done = new ArrayList<>();
      for (Future<String> f : created) {
        done.add(api.awaitTerminal(f.get(), Duration.ofSeconds(180)));
      }
      pool.shutdown();

      assertThat(done).allSatisfy(j -> assertThat(j.get("state").asText()).isEqualTo("success"));
      List<String> outcomes = done.stream().map(j -> j.at("/artifacts/0/outcome").asText()).toList();
      assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
      assertThat(outcomes).filteredOn("unchanged"::equals).hasSize(JOBS - 1);

      List<JsonNode> byStart = new ArrayList<>(done);
      byStart.sort(Comparator.comparing(j -> Instant.parse(j.get("started_at").asText())));
      for (int i = 1; i < byStart.size(); i++) {
        Instant previousEnd = Instant.parse(byStart.get(i - 1).get("ended_at").asText());
        Instant start = Instant.parse(byStart.get(i).get("started_at").asText());
        assertThat(start).as("job %d starts after job %d ended", i, i - 1).isAfterOrEqualTo(previousEnd);
      }
      assertThat(Tiers.hash(project.resolve(".claude/skills/shared"))).isEqualTo(Tiers.hash(skill));
      try (Stream<Path> names = Files.list(project.resolve(".claude/skills"))) {
        assertThat(names.map(p -> p.getFileName().toString())).containsExactly("shared");
      }
    }
  }
}
