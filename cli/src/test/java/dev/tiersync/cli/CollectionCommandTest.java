package dev.tiersync.cli;

import static dev.tiersync.cli.JobAnswers.bodies;
import static dev.tiersync.cli.JobAnswers.dryRunThenApply;
import static dev.tiersync.cli.JobAnswers.job;
import static dev.tiersync.cli.JobAnswers.outcome;
import static dev.tiersync.cli.JobAnswers.plan;
import static dev.tiersync.cli.JobAnswers.requests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code collection create|add|pin|remove}: request shapes, dry run then apply, exit codes. */
class CollectionCommandTest {
  private static final String ADD = "/api/v1/collections/team/artifacts";
  private static final String ENTRY = "/api/v1/collections/default/artifacts/skill%3Aa";

  @Test
  void create_dryRun_printsThePlan_andSendsNothingElse() throws Exception {
    String dryRun =
        job(
            "job-1",
            "create_collection",
            null,
            "success",
            plan("collection:team", "create", null),
            "");
    try (FakeServer server = dryRunThenApply("POST /api/v1/collections", dryRun, dryRun)) {
      Run run = Run.against(server).run("collection", "create", "team");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains("Plan of create_collection (dry run job-1):")
          .contains("create  collection:team")
          .contains("Nothing written. Apply with --apply.");
      List<JsonNode> sent = bodies(server, "POST", "/api/v1/collections");
      assertThat(sent).hasSize(1);
      assertThat(sent.get(0).path("name").asText()).isEqualTo("team");
      assertThat(sent.get(0).path("dry_run").asBoolean()).isTrue();
    }
  }

  @Test
  void create_apply_sendsTheSameRequestForReal_andShowsTheOutcome() throws Exception {
    String dryRun =
        job(
            "job-1",
            "create_collection",
            null,
            "success",
            plan("collection:team", "create", null),
            "");
    String applied =
        job(
            "job-2",
            "create_collection",
            null,
            "success",
            "",
            outcome("collection:team", "created"));
    try (FakeServer server = dryRunThenApply("POST /api/v1/collections", dryRun, applied)) {
      Run run = Run.against(server).run("collection", "create", "team", "--apply", "-y");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out).contains("job-2 success").contains("collection:team  created");
      List<JsonNode> sent = bodies(server, "POST", "/api/v1/collections");
      assertThat(sent).extracting(b -> b.path("dry_run").asBoolean()).containsExactly(true, false);
      assertThat(sent).extracting(b -> b.path("name").asText()).containsOnly("team");
    }
  }

  @Test
  void add_onePath_sendsPathTypeAndName() throws Exception {
    String dryRun =
        job(
            "job-1",
            "add",
            "upstream_to_collection",
            "success",
            plan("skill:a2", "create", null),
            "");
    try (FakeServer server = dryRunThenApply("POST " + ADD, dryRun, dryRun)) {
      Run run =
          Run.against(server)
              .run(
                  "collection",
                  "add",
                  "file:///u.git",
                  "skills/a",
                  "--ref",
                  "v1",
                  "--type",
                  "skill",
                  "--name",
                  "a2",
                  "-c",
                  "team");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out).contains("Plan of add (dry run job-1):").contains("create  skill:a2");
      JsonNode body = bodies(server, "POST", ADD).get(0);
      assertThat(body.path("upstream").asText()).isEqualTo("file:///u.git");
      assertThat(body.path("ref").asText()).isEqualTo("v1");
      assertThat(body.path("path").asText()).isEqualTo("skills/a");
      assertThat(body.path("type").asText()).isEqualTo("skill");
      assertThat(body.path("name").asText()).isEqualTo("a2");
      assertThat(body.has("artifacts")).isFalse();
    }
  }

  @Test
  void add_severalPaths_sendsThemAsArtifacts_andAppliesBoth() throws Exception {
    String plans = plan("skill:a", "create", null) + "," + plan("command:b", "create", null);
    String dryRun = job("job-1", "add", "upstream_to_collection", "success", plans, "");
    String applied =
        job(
            "job-2",
            "add",
            "upstream_to_collection",
            "success",
            "",
            outcome("skill:a", "created") + "," + outcome("command:b", "created"));
    try (FakeServer server = dryRunThenApply("POST " + ADD, dryRun, applied)) {
      Run run =
          Run.against(server)
              .run(
                  "collection",
                  "add",
                  "/srv/u",
                  "skills/a",
                  "commands/b.md",
                  "-c",
                  "team",
                  "--apply",
                  "--yes");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .contains("Plan: 2 create.")
          .contains("skill:a    created")
          .contains("command:b  created");
      List<JsonNode> sent = bodies(server, "POST", ADD);
      assertThat(sent).extracting(b -> b.path("dry_run").asBoolean()).containsExactly(true, false);
      assertThat(sent.get(1).has("path")).isFalse();
      assertThat(sent.get(1).has("ref")).as("left to the server's default").isFalse();
      assertThat(sent.get(1).path("artifacts").findValuesAsText("path"))
          .containsExactly("skills/a", "commands/b.md");
    }
  }

  @Test
  void add_typeWithSeveralPaths_isBadInput_andSendsNothing() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Run run =
          Run.against(server)
              .run("collection", "add", "/srv/u", "skills/a", "skills/b", "--type", "skill");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).startsWith("tiersync: --type and --name name one artifact");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void add_refused_printsTheDetailAndTheField_exitThree() throws Exception {
    try (FakeServer server = JobAnswers.withEvents()) {
      server.answer(
          "POST " + ADD,
          400,
          "application/problem+json",
          "{\"status\":400,\"detail\":\"no branch or tag 'nope' in /srv/u\",\"field\":\"ref\"}");

      Run text =
          Run.against(server)
              .run("collection", "add", "/srv/u", "skills/a", "--ref", "nope", "-c", "team");
      Run json =
          Run.against(server)
              .run(
                  "collection",
                  "add",
                  "/srv/u",
                  "skills/a",
                  "--ref",
                  "nope",
                  "-c",
                  "team",
                  "-o",
                  "json");

      assertThat(text.exitCode).isEqualTo(3);
      assertThat(text.err.lines())
          .containsExactly("tiersync: no branch or tag 'nope' in /srv/u (field ref, HTTP 400)");
      assertThat(text.out).isEmpty();
      assertThat(json.exitCode).isEqualTo(3);
      assertThat(Json.read(json.out).path("field").asText()).isEqualTo("ref");
    }
  }

  @Test
  void pin_sendsAPatch_dryRunThenForReal() throws Exception {
    String dryRun =
        job(
            "job-1",
            "pin",
            "upstream_to_collection",
            "success",
            plan("skill:a", "update", null),
            "");
    String applied =
        job("job-2", "pin", "upstream_to_collection", "success", "", outcome("skill:a", "updated"));
    try (FakeServer server = dryRunThenApply("PATCH " + ENTRY, dryRun, applied)) {
      Run run = Run.against(server).run("collection", "pin", "skill:a", "v2", "--apply", "-y");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out).contains("update  skill:a").contains("skill:a   updated");
      List<JsonNode> sent = bodies(server, "PATCH", ENTRY);
      assertThat(sent).extracting(b -> b.path("version_spec").asText()).containsOnly("v2");
      assertThat(sent).extracting(b -> b.path("dry_run").asBoolean()).containsExactly(true, false);
      assertThat(requests(server, "PATCH", ENTRY).get(0).authorization()).isEqualTo("Bearer t0ken");
    }
  }

  @Test
  void pin_predictingAConflict_exitsOne_andAConflictedApplyExitsOne() throws Exception {
    String conflict =
        plan("skill:a", "conflict", null)
            .replace(
                "'predicted_conflicts':[]",
                "'predicted_conflicts':[{'path':'SKILL.md','kind':'content'}]");
    String dryRun = job("job-1", "pin", "upstream_to_collection", "success", conflict, "");
    String applied =
        job(
            "job-2",
            "pin",
            "upstream_to_collection",
            "conflict",
            "",
            outcome("skill:a", "conflict"));
    try (FakeServer planned = dryRunThenApply("PATCH " + ENTRY, dryRun, applied);
        FakeServer server = dryRunThenApply("PATCH " + ENTRY, dryRun, applied)) {
      Run plan = Run.against(planned).run("collection", "pin", "skill:a", "main");
      Run apply = Run.against(server).run("collection", "pin", "skill:a", "main", "--apply", "-y");

      assertThat(plan.exitCode).isEqualTo(1);
      assertThat(plan.out).contains("conflict: SKILL.md (content)");
      assertThat(apply.exitCode).isEqualTo(1);
      assertThat(apply.out).contains("job-2 conflict");
    }
  }

  @Test
  void remove_deletesAsADryRunThenForReal_aFailedApplyExitsTwo() throws Exception {
    String dryRun = job("job-1", "remove", null, "success", plan("skill:a", "remove", null), "");
    String failed = job("job-2", "remove", null, "error", "", "");
    try (FakeServer planned = dryRunThenApply("DELETE " + ENTRY, dryRun, failed);
        FakeServer server = dryRunThenApply("DELETE " + ENTRY, dryRun, failed)) {
      Run plan = Run.against(planned).run("collection", "remove", "skill:a");
      Run apply = Run.against(server).run("collection", "remove", "skill:a", "--apply", "-y");

      assertThat(plan.exitCode).isZero();
      assertThat(plan.out).contains("Plan of remove (dry run job-1):").contains("remove  skill:a");
      assertThat(requests(planned, "DELETE", ENTRY))
          .extracting(FakeServer.Request::pathAndQuery)
          .containsExactly(ENTRY + "?dry_run=true");
      assertThat(apply.exitCode).isEqualTo(2);
      assertThat(apply.out).contains("job-2 error");
      assertThat(requests(server, "DELETE", ENTRY))
          .extracting(FakeServer.Request::pathAndQuery)
          .containsExactly(ENTRY + "?dry_run=true", ENTRY + "?dry_run=false");
    }
  }

  @Test
  void remove_onATerminal_answeredNo_deletesNothing() throws Exception {
    String dryRun = job("job-1", "remove", null, "success", plan("skill:a", "remove", null), "");
    try (FakeServer server = dryRunThenApply("DELETE " + ENTRY, dryRun, dryRun)) {
      Run run =
          Run.against(server).tty().stdin("n\n").run("collection", "remove", "skill:a", "--apply");

      assertThat(run.exitCode).isZero();
      assertThat(run.err).contains("Apply this plan? [y/N]").contains("Not applied.");
      assertThat(requests(server, "DELETE", ENTRY)).hasSize(1);
    }
  }

  @Test
  void collection_withoutASubcommand_isBadInput() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Run run = Run.against(server).run("collection");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).startsWith("tiersync: a collection command is required");
    }
  }
}
