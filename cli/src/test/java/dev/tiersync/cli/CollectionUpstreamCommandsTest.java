package dev.tiersync.cli;

import static dev.tiersync.cli.JobAnswers.bodies;
import static dev.tiersync.cli.JobAnswers.dryRunThenApply;
import static dev.tiersync.cli.JobAnswers.job;
import static dev.tiersync.cli.JobAnswers.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code collection browse} and {@code collection bump}: what the upstream holds and has new. */
class CollectionUpstreamCommandsTest {
  private static final String LISTING =
      "{'url':'/srv/u','repository':'file:///srv/u','ref':'main','commit':'"
          + "c".repeat(40)
          + "','items':[{'artifact_id':'skill:alpha','type':'skill','name':'alpha',"
          + "'path':'skills/alpha','description':'Reviews code.\\n  Line two of a very long "
          + "description that goes on and on well past the width of any terminal it is shown on',"
          + "'last_commit':{'sha':'"
          + "a".repeat(40)
          + "','date':'2026-01-01T00:00:00Z','author':'A <a@x>','subject':'add alpha'}},"
          + "{'artifact_id':'command:beta','type':'command','name':'beta',"
          + "'path':'commands/beta.md','description':null,'last_commit':{'sha':'"
          + "b".repeat(40)
          + "','date':'2026-01-02T10:00:00Z','author':'B <b@x>','subject':'beta'}}]}";

  private static final String COMMITS =
      "{'artifact_id':'skill:a','repository':'file:///srv/u','ref':'main','resolved_sha':'"
          + "1".repeat(40)
          + "','head_sha':'"
          + "3".repeat(40)
          + "','behind':2,'items':[{'sha':'"
          + "3".repeat(40)
          + "','date':'2026-01-03T00:00:00Z','author':'A <a@x>','subject':'tighten wording'},"
          + "{'sha':'"
          + "2".repeat(40)
          + "','date':'2026-01-02T00:00:00Z','author':'A <a@x>','subject':'add an example'}]}";

  @Test
  void browse_isATableFittedToTheTerminal_withTheRefAsked() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/upstreams/artifacts", LISTING)) {
      Run run = Run.against(server).tty().run("collection", "browse", "/srv/u", "--ref", "v1.0");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out.lines())
          .contains("file:///srv/u at main (cccccccc):")
          .anyMatch(l -> l.startsWith("skill:alpha   skills/alpha      2026-01-01 add alpha  "))
          .anyMatch(l -> l.matches("command:beta +commands/beta.md +2026-01-02 beta +-"))
          .contains("2 artifacts. Add with: tiersync collection add URL PATH...")
          .allMatch(l -> l.length() <= 100);
      assertThat(run.out).contains("Reviews code. Line two of a very long").contains("…");
      assertThat(server.last("/api/v1/upstreams/artifacts").pathAndQuery())
          .endsWith("?url=%2Fsrv%2Fu&ref=v1.0");
    }
  }

  @Test
  void browse_piped_keepsTheWholeDescription() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/upstreams/artifacts", LISTING)) {
      Run run = Run.against(server).run("collection", "browse", "/srv/u");

      assertThat(run.out)
          .contains(
              "Reviews code. Line two of a very long description that goes on and on well "
                  + "past the width of any terminal it is shown on")
          .doesNotContain("…");
    }
  }

  @Test
  void browse_json_isTheApiAnswer() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/upstreams/artifacts", LISTING)) {
      Run run = Run.against(server).run("collection", "browse", "/srv/u", "-o", "json");

      assertThat(run.exitCode).isZero();
      assertThat(Json.read(run.out)).isEqualTo(Json.read(LISTING.replace('\'', '"')));
      assertThat(server.last("/api/v1/upstreams/artifacts").pathAndQuery())
          .endsWith("?url=%2Fsrv%2Fu");
    }
  }

  @Test
  void browse_unreachableHost_isTheServersOneLine_exitThree() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer(
          "GET /api/v1/upstreams/artifacts",
          502,
          "application/problem+json",
          "{\"status\":502,\"detail\":\"cannot fetch"
              + " https://nope.invalid/r.git\",\"field\":\"url\"}");

      Run run = Run.against(server).run("collection", "browse", "https://nope.invalid/r.git");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err)
          .isEqualTo("tiersync: cannot fetch https://nope.invalid/r.git (field url, HTTP 502)\n");
    }
  }

  @Test
  void bump_refreshesListsTheCommitsBehind_thenPlansAnUpstreamSyncOfTheArtifact() throws Exception {
    String dryRun =
        job(
            "job-1",
            "sync",
            "upstream_to_collection",
            "success",
            plan("skill:a", "update", null),
            "");
    try (FakeServer server = dryRunThenApply("POST /api/v1/sync/jobs", dryRun, dryRun)) {
      server
          .json("GET /api/v1/artifacts/skill%3Aa/versions", "{}")
          .json("GET /api/v1/artifacts/skill%3Aa/upstream/commits", COMMITS);

      Run run = Run.against(server).run("collection", "bump", "skill:a", "-c", "team");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains(
              "skill:a follows main of file:///srv/u (head 33333333): 2 commits behind 11111111:")
          .contains("33333333  2026-01-03  A <a@x>  tighten wording")
          .contains("22222222  2026-01-02  A <a@x>  add an example")
          .contains("Plan of upstream_to_collection (dry run job-1):")
          .contains("update  skill:a");
      assertThat(server.last("/api/v1/artifacts/skill%3Aa/versions").pathAndQuery())
          .endsWith("?collection=team&refresh=true");
      assertThat(server.last("/api/v1/artifacts/skill%3Aa/upstream/commits").pathAndQuery())
          .endsWith("?collection=team");
      JsonNode body = bodies(server, "POST", "/api/v1/sync/jobs").get(0);
      assertThat(body.path("direction").asText()).isEqualTo("upstream_to_collection");
      assertThat(body.path("artifact_ids").get(0).asText()).isEqualTo("skill:a");
      assertThat(body.path("collection").asText()).isEqualTo("team");
      assertThat(body.path("dry_run").asBoolean()).isTrue();
    }
  }

  @Test
  void bump_json_isOnlyTheJobDocument() throws Exception {
    String dryRun =
        job(
            "job-1",
            "sync",
            "upstream_to_collection",
            "success",
            plan("skill:a", "none", null),
            "");
    try (FakeServer server = dryRunThenApply("POST /api/v1/sync/jobs", dryRun, dryRun)) {
      server
          .json("GET /api/v1/artifacts/skill%3Aa/versions", "{}")
          .json("GET /api/v1/artifacts/skill%3Aa/upstream/commits", COMMITS);

      Run run = Run.against(server).run("collection", "bump", "skill:a", "-o", "json", "--apply");

      assertThat(run.exitCode).isZero();
      assertThat(Json.read(run.out).path("job_id").asText()).isEqualTo("job-1");
      assertThat(bodies(server, "POST", "/api/v1/sync/jobs")).as("nothing to apply").hasSize(1);
    }
  }
}
