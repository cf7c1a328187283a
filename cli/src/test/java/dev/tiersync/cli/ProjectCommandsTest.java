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

/**
 * {@code undeploy} and {@code adopt}: the commands that take artifacts out of or from a project.
 */
class ProjectCommandsTest {
  private static final String UNDEPLOY = "/api/v1/sync/undeploy";
  private static final String ADOPT = "/api/v1/collections/default/adopt";

  @Test
  void undeploy_sendsTheArtifactsProjectAndForce_thenApplies() throws Exception {
    String plans =
        plan("skill:a", "remove", null) + "," + plan("command:b", "skip", "local edits: SKILL.md");
    String dryRun = job("job-1", "undeploy", "collection_to_project", "success", plans, "");
    String applied =
        job(
            "job-2",
            "undeploy",
            "collection_to_project",
            "success",
            "",
            outcome("skill:a", "removed"));
    try (FakeServer server = dryRunThenApply("POST " + UNDEPLOY, dryRun, applied)) {
      Run run =
          Run.against(server)
              .run(
                  "undeploy",
                  "skill:a",
                  "command:b",
                  "-p",
                  "/p",
                  "-c",
                  "team",
                  "--force",
                  "--apply",
                  "-y");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains("Plan of undeploy (dry run job-1):")
          .contains("skip    command:b            local edits: SKILL.md")
          .contains("Plan: 1 remove, 1 skip.")
          .contains("skill:a   removed");
      List<JsonNode> sent = bodies(server, "POST", UNDEPLOY);
      assertThat(sent).extracting(b -> b.path("dry_run").asBoolean()).containsExactly(true, false);
      JsonNode body = sent.get(0);
      assertThat(body.path("artifact_ids").get(0).asText()).isEqualTo("skill:a");
      assertThat(body.path("artifact_ids").get(1).asText()).isEqualTo("command:b");
      assertThat(body.path("project_path").asText()).isEqualTo("/p");
      assertThat(body.path("collection").asText()).isEqualTo("team");
      assertThat(body.path("force").asBoolean()).isTrue();
    }
  }

  @Test
  void undeploy_withoutAProject_isBadInput_andSendsNothing() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Run run = Run.against(server).run("undeploy", "skill:a");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err)
          .isEqualTo("tiersync: -p/--project is required: the project folder ('.' for this one)\n");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void undeploy_onlySkips_hasNothingToApply() throws Exception {
    String dryRun =
        job(
            "job-1",
            "undeploy",
            "collection_to_project",
            "success",
            plan("skill:a", "skip", "local edits"),
            "");
    try (FakeServer server = dryRunThenApply("POST " + UNDEPLOY, dryRun, dryRun)) {
      Run run = Run.against(server).run("undeploy", "skill:a", "-p", "/p", "--apply", "-y");

      assertThat(run.exitCode).isZero();
      assertThat(run.out).contains("Nothing to apply.");
      assertThat(bodies(server, "POST", UNDEPLOY)).hasSize(1);
      assertThat(bodies(server, "POST", UNDEPLOY).get(0).path("force").asBoolean()).isFalse();
    }
  }

  @Test
  void adopt_postsToTheCollectionsRoute_withTheProjectAndArtifacts() throws Exception {
    String dryRun =
        job(
            "job-1",
            "sync",
            "project_to_collection",
            "success",
            plan("skill:mine", "create", null),
            "");
    try (FakeServer server = dryRunThenApply("POST " + ADOPT, dryRun, dryRun)) {
      Run run = Run.against(server).run("adopt", "skill:mine", "-p", "/p");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains("Plan of project_to_collection (dry run job-1):")
          .contains("create  skill:mine")
          .contains("Nothing written. Apply with --apply.");
      JsonNode body = bodies(server, "POST", ADOPT).get(0);
      assertThat(body.path("project_path").asText()).isEqualTo("/p");
      assertThat(body.path("artifact_ids").get(0).asText()).isEqualTo("skill:mine");
      assertThat(body.has("collection")).as("in the path").isFalse();
      assertThat(body.path("dry_run").asBoolean()).isTrue();
    }
  }
}
