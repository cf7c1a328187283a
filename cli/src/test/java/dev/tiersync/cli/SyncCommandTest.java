package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dry-run half of sync against canned answers; applying is covered by CliIT on the app. */
class SyncCommandTest {
  private static final String QUEUED =
      "{'job_id':'job-1','kind':'sync','direction':'collection_to_project','state':'queued',"
          + "'pct':0,'phase':'queued','request':{'artifact_ids':['skill:a'],'dry_run':true}}";

  private static String ended(String plans) {
    return "{'job_id':'job-1','kind':'sync','direction':'collection_to_project',"
        + "'state':'success','pct':100,'phase':'done','request':{'dry_run':true},"
        + "'artifacts':[],'plans':["
        + plans
        + "]}";
  }

  private static FakeServer server(String endedJob) throws Exception {
    String running =
        QUEUED.replace("'queued','pct':0,'phase':'queued'", "'running','pct':5,'phase':'fetch'");
    String events =
        ":subscribed\n\nevent:job\ndata:"
            + running.replace('\'', '"')
            + "\n\n"
            + "event:job\ndata:"
            + endedJob.replace('\'', '"')
            + "\n\n";
    return new FakeServer()
        .answer("GET /api/v1/sync/events", 200, "text/event-stream", events)
        .json("POST /api/v1/sync/jobs", QUEUED)
        .json("GET /api/v1/sync/jobs/job-1", endedJob);
  }

  @Test
  void severalProjects_areOneJob_sendingProjectPaths() throws Exception {
    try (FakeServer server = server(ended(""))) {
      Run run =
          Run.against(server)
              .run("sync", "-d", "collection_to_project", "-p", "/p1", "-p", "rel/p2", "skill:a");

      assertThat(run.exitCode).isZero();
      var body = Json.read(server.last("/api/v1/sync/jobs").body());
      assertThat(body.path("project_paths").get(0).asText()).isEqualTo("/p1");
      assertThat(body.path("project_paths").get(1).asText())
          .isEqualTo(java.nio.file.Path.of("rel/p2").toAbsolutePath().toString());
      assertThat(body.has("project_path")).isFalse();
    }
  }

  @Test
  void severalProjects_forACommandOfOneProject_isAUsageError() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Run run = Run.against(server).run("status", "-p", "/p1", "-p", "/p2");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).contains("-p/--project names one project here");
    }
  }

  @Test
  void dryRun_printsThePlan_linesPerTransitionOnStderr_exitOneForAPredictedConflict()
      throws Exception {
    String plans =
        "{'artifact_id':'skill:a','action':'conflict','files_added':[],'files_removed':[],"
            + "'files_modified':['SKILL.md'],'predicted_conflicts':[{'artifact_id':'skill:a',"
            + "'path':'SKILL.md','kind':'content'}]}";
    try (FakeServer server = server(ended(plans))) {
      Run run =
          Run.against(server).run("sync", "-d", "collection_to_project", "-p", "/p", "skill:a");

      assertThat(run.exitCode).isEqualTo(1);
      assertThat(run.out)
          .contains("conflict  skill:a   +0 -0 ~1  conflict: SKILL.md (content)")
          .contains("Plan: 1 conflict.")
          .contains("Nothing written. Apply with --apply.");
      assertThat(run.err.lines())
          .containsExactly(
              "job-1: queued (queued 0%)",
              "job-1: running (fetch 5%) skill:a", "job-1: success (done 100%)");
      String body = server.last("/api/v1/sync/jobs").body();
      assertThat(Json.read(body).path("dry_run").asBoolean()).isTrue();
      assertThat(Json.read(body).path("artifact_ids").get(0).asText()).isEqualTo("skill:a");
      assertThat(Json.read(body).has("strategy")).as("left to the server's default").isFalse();
    }
  }

  @Test
  void apply_withNothingToWrite_doesNotStartASecondJob() throws Exception {
    String plans =
        "{'artifact_id':'skill:a','action':'none','files_added':[],'files_removed':[],"
            + "'files_modified':[],'predicted_conflicts':[]}";
    try (FakeServer server = server(ended(plans))) {
      Run run =
          Run.against(server)
              .run("sync", "-d", "collection_to_project", "-p", "/p", "--apply", "--yes");

      assertThat(run.exitCode).isZero();
      assertThat(run.out).contains("Nothing to apply.");
      assertThat(server.requests().stream().filter(r -> r.method().equals("POST"))).hasSize(1);
    }
  }

  @Test
  void apply_onATerminal_answeredNo_writesNothing() throws Exception {
    String plans =
        "{'artifact_id':'skill:a','action':'update','files_added':[],'files_removed':[],"
            + "'files_modified':['SKILL.md'],'predicted_conflicts':[]}";
    try (FakeServer server = server(ended(plans))) {
      Run run =
          Run.against(server)
              .tty()
              .stdin("n\n")
              .run("sync", "-d", "collection_to_project", "-p", "/p", "--apply");

      assertThat(run.exitCode).isZero();
      assertThat(run.err).contains("Apply this plan? [y/N]").contains("Not applied.");
      assertThat(server.requests().stream().filter(r -> r.method().equals("POST"))).hasSize(1);
    }
  }

  @Test
  void dryRun_json_isTheJobDocument() throws Exception {
    try (FakeServer server = server(ended(""))) {
      Run run = Run.against(server).run("sync", "-d", "collection_to_project", "-o", "json");

      assertThat(Json.read(run.out).path("job_id").asText()).isEqualTo("job-1");
      assertThat(run.err).as("no transition lines with --output json off a terminal").isEmpty();
      assertThat(run.exitCode).isZero();
    }
  }
}
