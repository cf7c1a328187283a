package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StatusCommandTest {
  private static final String LIST =
      "{'collection':'default','project_path':'/p','total':3,'errors':[],'items':["
          + "{'artifact_id':'skill:a','status':{'upstream_to_collection':'synced',"
          + "'collection_to_project':'outdated','overall':'outdated'},'upstream_error':null},"
          + "{'artifact_id':'skill:b','status':{'upstream_to_collection':'synced',"
          + "'collection_to_project':'synced','overall':'synced'},'upstream_error':null},"
          + "{'artifact_id':'agent:c','status':{'upstream_to_collection':null,"
          + "'collection_to_project':'conflict','overall':'conflict'},'upstream_error':null}]}";

  @Test
  void status_printsBothEdgesAndASummary_exitTwoOnAConflict() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", LIST)) {
      Run run = Run.against(server).run("status", "-p", "/p");

      assertThat(run.exitCode).isEqualTo(2);
      assertThat(run.out.lines())
          .contains(
              "ARTIFACT  UPSTREAM -> COLLECTION  COLLECTION -> PROJECT  OVERALL",
              "skill:a   synced                  outdated               outdated",
              "agent:c   -                       conflict               conflict",
              "3 artifacts: 1 outdated, 1 synced, 1 conflict");
      assertThat(run.out).doesNotContain("\u001b[");
    }
  }

  @Test
  void status_sendsFiltersRefreshAndTheAbsoluteProjectPath() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", "{'items':[]}")) {
      Run run =
          Run.against(server)
              .run(
                  "status",
                  "-c",
                  "team",
                  "-p",
                  "rel/proj",
                  "-t",
                  "skill,agent",
                  "-s",
                  "outdated",
                  "--refresh");

      String query = server.last("/api/v1/artifacts").pathAndQuery();
      String project = Path.of("rel/proj").toAbsolutePath().toString().replace("/", "%2F");
      assertThat(run.exitCode).isZero();
      assertThat(query)
          .contains("collection=team")
          .contains("project_path=" + project)
          .contains("type=skill%2Cagent")
          .contains("status=outdated")
          .contains("refresh=true");
    }
  }

  @Test
  void status_json_isTheApiDocumentWithItsFieldNames() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", LIST)) {
      Run run = Run.against(server).run("status", "-o", "json");

      assertThat(Json.read(run.out)).isEqualTo(Json.read(LIST.replace('\'', '"')));
      assertThat(run.exitCode).isEqualTo(2);
    }
  }

  @Test
  void status_onATerminal_coloursStatuses_unlessNoColor() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", LIST)) {
      Run coloured = Run.against(server).tty().run("status");
      Run noColor = Run.against(server).tty().env("NO_COLOR", "1").run("status");
      Run never = Run.against(server).tty().run("status", "--color", "never");

      assertThat(coloured.out).contains("\u001b[31mconflict\u001b[0m");
      assertThat(noColor.out).doesNotContain("\u001b[");
      assertThat(never.out).doesNotContain("\u001b[");
    }
  }

  @Test
  void status_listsUpstreamErrorsAndBadEntries() throws Exception {
    String list =
        "{'items':[{'artifact_id':'skill:a','status':{'overall':'synced'},"
            + "'upstream_error':'file:///x.git: not found'}],"
            + "'errors':[{'file':'/c/collection.toml','line':10,'key':'artifacts[1].name',"
            + "'artifact_id':null,'reason':'bad name'}]}";
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", list)) {
      Run run = Run.against(server).run("status");

      assertThat(run.exitCode).isEqualTo(2);
      assertThat(run.out)
          .contains("! skill:a: upstream: file:///x.git: not found")
          .contains("! /c/collection.toml:10: artifacts[1].name: bad name");
    }
  }
}
