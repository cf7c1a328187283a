package dev.tiersync.cli;

import static dev.tiersync.cli.JobAnswers.bodies;
import static dev.tiersync.cli.JobAnswers.dryRunThenApply;
import static dev.tiersync.cli.JobAnswers.job;
import static dev.tiersync.cli.JobAnswers.outcome;
import static dev.tiersync.cli.JobAnswers.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code rollback}: a tier's copy of an artifact back to an earlier version, planned first. */
class RollbackCommandTest {
  private static final String HASH = "a".repeat(64);
  private static final String ROUTE = "/api/v1/artifacts/skill%3Aa/rollback";

  @Test
  void rollback_ofTheCollection_sendsTierHashAndCollection_thenApplies() throws Exception {
    String dryRun =
        job("job-1", "rollback", "upstream_to_collection", "success",
            plan("skill:a", "update", "rolls the collection back from bbbbbbb to aaaaaaa"), "");
    String applied =
        job("job-2", "rollback", "upstream_to_collection", "success", "",
            outcome("skill:a", "updated"));
    try (FakeServer server = dryRunThenApply("POST " + ROUTE, dryRun, applied)) {
      Run run =
          Run.against(server).run("rollback", "skill:a", HASH, "-c", "team", "--apply", "-y");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains("Plan of rollback (dry run job-1):")
          .contains("rolls the collection back from bbbbbbb to aaaaaaa")
          .contains("skill:a   updated");
      List<JsonNode> sent = bodies(server, "POST", ROUTE);
      assertThat(sent).extracting(b -> b.path("dry_run").asBoolean()).containsExactly(true, false);
      JsonNode body = sent.get(0);
      assertThat(body.path("tier").asText()).isEqualTo("collection");
      assertThat(body.path("to_hash").asText()).isEqualTo(HASH);
      assertThat(body.path("collection").asText()).isEqualTo("team");
      assertThat(body.has("hold")).as("the server's default: held").isFalse();
      assertThat(body.has("project_path")).isFalse();
    }
  }

  @Test
  void rollback_ofAProject_sendsItsPath_andNoHold() throws Exception {
    String dryRun =
        job("job-1", "rollback", "collection_to_project", "success",
            plan("skill:a", "update", null), "");
    try (FakeServer server = dryRunThenApply("POST " + ROUTE, dryRun, dryRun)) {
      Run run =
          Run.against(server)
              .run("rollback", "skill:a", HASH, "--tier", "project", "-p", "/p", "--no-hold");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out).contains("Nothing written. Apply with --apply.");
      JsonNode body = bodies(server, "POST", ROUTE).get(0);
      assertThat(body.path("tier").asText()).isEqualTo("project");
      assertThat(body.path("project_path").asText()).isEqualTo("/p");
      assertThat(body.path("hold").asBoolean(true)).isFalse();
    }
  }

  @Test
  void rollback_ofAProjectWithoutOne_isBadInput_andSendsNothing() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Run run = Run.against(server).run("rollback", "skill:a", HASH, "--tier", "project");

      assertThat(run.exitCode).isEqualTo(ExitCodes.USAGE_OR_SERVER);
      assertThat(run.err).contains("-p/--project is required");
      assertThat(server.requests()).isEmpty();
    }
  }
}
