package dev.tiersync.cli;

import static dev.tiersync.cli.JobAnswers.bodies;
import static dev.tiersync.cli.JobAnswers.dryRunThenApply;
import static dev.tiersync.cli.JobAnswers.job;
import static dev.tiersync.cli.JobAnswers.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code history} against a canned history answer, and {@code rollback} taking its short hashes. */
class HistoryCommandTest {
  private static final String V1 = "8831816349" + "a".repeat(54);
  private static final String V2 = "2a71a6937a" + "b".repeat(54);
  private static final String V3 = "2a71a6937f" + "c".repeat(54);
  private static final String ROUTE = "/api/v1/artifacts/skill%3Apdf/history";
  private static final String HISTORY =
      ("{'artifact_id':'skill:pdf',"
              + "'upstream':[{'hash':'V1','at':'2026-12-06T16:06:15Z','source':'outside','job_id':null,"
              + "'actor':'Ann <ann@x>','note':null,'upstream_commit':'30f5e6f3aa','upstream_subject':'v1'}],"
              + "'collection':["
              + "{'hash':'V1','at':'2026-12-06T16:10:25.177929780Z','source':'job','job_id':'job-bcba1d3a-7518',"
              + "'actor':'token:1cb28885','note':'upstream_to_collection create','upstream_commit':'30f5e6f3aa',"
              + "'upstream_subject':'v1'},"
              + "{'hash':'V2','at':'2026-12-06T16:10:35Z','source':'job','job_id':'job-e1b50d0f-3e01',"
              + "'actor':'token:1cb28885','note':'upstream_to_collection update','upstream_commit':null,"
              + "'upstream_subject':null}],"
              + "'project':[{'hash':'V3','at':'2026-12-06T16:11:00Z','source':'outside','job_id':null,"
              + "'actor':null,'note':'seen on disk','upstream_commit':null,'upstream_subject':null}]}")
          .replace("V1", V1).replace("V2", V2).replace("V3", V3);

  @Test
  void history_listsEachTiersVersionsWithShortHashes_whoAndWhy() throws Exception {
    try (FakeServer server = new FakeServer().json("GET " + ROUTE, HISTORY)) {
      Run run = Run.against(server).run("history", "skill:pdf", "-c", "team", "-p", "/w");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(server.last(ROUTE).pathAndQuery()).contains("collection=team").contains("project_path=%2Fw");
      assertThat(run.out.lines())
          .containsExactly(
              "TIER        VERSION       AT                    BY                                 WHY",
              "upstream    8831816349aa  2026-12-06T16:06:15Z  outside tiersync (Ann <ann@x>)     commit 30f5e6f3 v1",
              "collection  8831816349aa  2026-12-06T16:10:25Z  job job-bcba1d3a (token:1cb28885)  upstream_to_collection create; from 30f5e6f3 v1",
              "collection  2a71a6937abb  2026-12-06T16:10:35Z  job job-e1b50d0f (token:1cb28885)  upstream_to_collection update",
              "project     2a71a6937fcc  2026-12-06T16:11:00Z  outside tiersync                   seen on disk");
    }
  }

  @Test
  void history_json_isTheApiDocument() throws Exception {
    try (FakeServer server = new FakeServer().json("GET " + ROUTE, HISTORY)) {
      Run run = Run.against(server).run("history", "skill:pdf", "-o", "json");

      assertThat(Json.read(run.out)).isEqualTo(Json.read(HISTORY.replace('\'', '"')));
    }
  }

  @Test
  void rollback_takesAShortHashOfTheHistory_andRefusesAnAmbiguousOrUnknownOne() throws Exception {
    String rollback = "/api/v1/artifacts/skill%3Apdf/rollback";
    String dryRun = job("job-1", "rollback", "upstream_to_collection", "success", plan("skill:pdf", "update", null), "");
    try (FakeServer server = dryRunThenApply("POST " + rollback, dryRun, dryRun).json("GET " + ROUTE, HISTORY)) {
      Run run = Run.against(server).run("rollback", "skill:pdf", "8831816");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(bodies(server, "POST", rollback).get(0).path("to_hash").asText()).isEqualTo(V1);

      Run ambiguous = Run.against(server).run("rollback", "skill:pdf", "2a71a693");
      assertThat(ambiguous.exitCode).isEqualTo(ExitCodes.USAGE_OR_SERVER);
      assertThat(ambiguous.err).contains("2a71a693 is ambiguous: 2 versions of skill:pdf begin with it");
      Run unknown = Run.against(server).run("rollback", "skill:pdf", "deadbeef");
      assertThat(unknown.exitCode).isEqualTo(ExitCodes.USAGE_OR_SERVER);
      assertThat(unknown.err).contains("no version of skill:pdf begins with deadbeef (tiersync history skill:pdf lists them)");
      Run tooShort = Run.against(server).run("rollback", "skill:pdf", "2a71");
      assertThat(tooShort.exitCode).isEqualTo(ExitCodes.USAGE_OR_SERVER);
      assertThat(tooShort.err).contains("give at least 7 digits of the version's hash, not 4 ('2a71')");
      assertThat(bodies(server, "POST", rollback)).as("nothing sent for any").hasSize(1);
    }
  }
}
