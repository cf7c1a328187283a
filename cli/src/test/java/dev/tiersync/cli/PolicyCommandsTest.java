package dev.tiersync.cli;

import static dev.tiersync.cli.JobAnswers.bodies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code hold}, {@code release}, {@code auto-update}: the PUT they send, what they print, exit. */
class PolicyCommandsTest {
  private static final String POLICY = "/api/v1/collections/team/artifacts/skill%3Aa/policy";
  private static final String HELD =
      "{'held':true,'hold_reason':'security review','hold_until':'2030-01-01T00:00:00Z',"
          + "'hold_expired':false,'auto_update':'clean'}";
  private static final String RELEASED =
      "{'held':false,'hold_reason':null,'hold_until':null,'hold_expired':false,"
          + "'auto_update':'off'}";

  @Test
  void hold_sendsReasonAndUntil_andPrintsThePolicy() throws Exception {
    try (FakeServer server = new FakeServer().json("PUT " + POLICY, HELD)) {
      Run run =
          Run.against(server)
              .run("hold", "skill:a", "-c", "team", "--reason", "security review",
                  "--until", "2030-01-01T00:00:00Z");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(run.out)
          .isEqualTo(
              "skill:a in team: held until 2030-01-01T00:00:00Z (security review);"
                  + " auto-update clean\n");
      JsonNode sent = bodies(server, "PUT", POLICY).get(0);
      assertThat(sent.toString())
          .isEqualTo("{\"hold\":{\"reason\":\"security review\",\"until\":\"2030-01-01T00:00:00Z\"}}");
    }
  }

  @Test
  void release_sendsHoldNull_andJsonOutputIsThePolicy() throws Exception {
    try (FakeServer server = new FakeServer().json("PUT " + POLICY, RELEASED)) {
      Run run = Run.against(server).run("release", "skill:a", "-c", "team", "-o", "json");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(Json.read(run.out).path("held").asBoolean()).isFalse();
      assertThat(Json.read(run.out).path("auto_update").asText()).isEqualTo("off");
      assertThat(bodies(server, "PUT", POLICY).get(0).toString()).isEqualTo("{\"hold\":null}");
    }
  }

  @Test
  void autoUpdate_sendsOnlyAutoUpdate_andABadModeIsUsage() throws Exception {
    try (FakeServer server = new FakeServer().json("PUT " + POLICY, HELD)) {
      Run run = Run.against(server).run("auto-update", "skill:a", "clean", "-c", "team");
      Run bad = Run.against(server).run("auto-update", "skill:a", "sometimes", "-c", "team");

      assertThat(run.exitCode).as(run.err).isZero();
      assertThat(bodies(server, "PUT", POLICY).get(0).toString())
          .isEqualTo("{\"auto_update\":\"clean\"}");
      assertThat(bad.exitCode).isEqualTo(3);
      assertThat(bodies(server, "PUT", POLICY)).hasSize(1);
    }
  }

  @Test
  void hold_aRefusal_namesTheFieldAndExitsThree() throws Exception {
    try (FakeServer server =
        new FakeServer()
            .answer(
                "PUT " + POLICY,
                400,
                "application/problem+json",
                "{\"status\":400,\"field\":\"hold.until\","
                    + "\"detail\":\"hold.until must be in the future, got 2001-01-01T00:00:00Z\"}")) {
      Run run = Run.against(server).run("hold", "skill:a", "-c", "team", "--until", "2001-01-01T00:00:00Z");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).contains("hold.until must be in the future");
    }
  }

  @Test
  void status_marksAHeldArtifact() throws Exception {
    String list =
        "{'collection':'default','project_path':null,'total':2,'errors':[],'items':["
            + "{'artifact_id':'skill:a','status':{'upstream_to_collection':'outdated',"
            + "'collection_to_project':null,'overall':'outdated'},'policy':" + HELD + "},"
            + "{'artifact_id':'skill:b','status':{'upstream_to_collection':'synced',"
            + "'collection_to_project':null,'overall':'synced'},'policy':" + RELEASED + "}]}";
    try (FakeServer server = new FakeServer().json("GET /api/v1/artifacts", list)) {
      Run run = Run.against(server).run("status");

      assertThat(run.out.lines())
          .contains(
              "skill:a [held]  outdated                -                      outdated",
              "skill:b         synced                  -                      synced");
    }
  }
}
