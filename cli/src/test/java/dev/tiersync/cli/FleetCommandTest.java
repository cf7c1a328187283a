package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code tiersync fleet} against a canned fleet answer. */
class FleetCommandTest {
  private static final String FLEET =
      "{'collection':'default','projects':["
          + "{'path':'/code/web','name':'web','counts':{}},"
          + "{'path':'/code/api','name':'api','counts':{}}],"
          + "'artifacts':["
          + "{'artifact_id':'skill:a','upstream_to_collection':'synced','cells':["
          + "{'project_path':'/code/web','collection_to_project':'synced'},"
          + "{'project_path':'/code/api','collection_to_project':'outdated'}]},"
          + "{'artifact_id':'command:b','upstream_to_collection':null,'cells':["
          + "{'project_path':'/code/web','collection_to_project':null},"
          + "{'project_path':'/code/api','collection_to_project':'synced'}]}],"
          + "'counts':{},'errors':[]}";

  @Test
  void fleet_printsArtifactsAgainstProjects_exitOneOnDrift() throws Exception {
    try (FakeServer server = new FakeServer().json("GET /api/v1/fleet", FLEET)) {
      Run run = Run.against(server).run("fleet");

      assertThat(run.exitCode).isEqualTo(1);
      assertThat(run.out.lines())
          .contains(
              "ARTIFACT   UPSTREAM  web     api",
              "skill:a    synced    synced  outdated",
              "command:b  -         -       synced",
              "web: /code/web",
              "api: /code/api");
    }
  }

  @Test
  void fleet_sendsTheFilters_andExitsTwoOnAnErrorCell() throws Exception {
    String broken =
        FLEET.replace(
            "'collection_to_project':'outdated'}",
            "'collection_to_project':'error','reason':'.skillmeat-deployed.toml:2: bad'}");
    try (FakeServer server = new FakeServer().json("GET /api/v1/fleet", broken)) {
      Run run = Run.against(server).run("fleet", "-c", "team", "--drift", "-t", "skill,agent");

      String query = server.last("/api/v1/fleet").pathAndQuery();
      assertThat(query).contains("collection=team").contains("drift=true").contains("type=skill%2Cagent");
      assertThat(run.exitCode).isEqualTo(2);
      assertThat(run.out).contains("skill:a in /code/api: .skillmeat-deployed.toml:2: bad");
    }
  }

  @Test
  void fleet_json_isTheApiDocument_allSyncedExitsZero() throws Exception {
    String synced = FLEET.replace("'outdated'", "'synced'");
    try (FakeServer server = new FakeServer().json("GET /api/v1/fleet", synced)) {
      Run run = Run.against(server).run("fleet", "-o", "json");

      assertThat(Json.read(run.out)).isEqualTo(Json.read(synced.replace('\'', '"')));
      assertThat(run.exitCode).isZero();
    }
  }
}
