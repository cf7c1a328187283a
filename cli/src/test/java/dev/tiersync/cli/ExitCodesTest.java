package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  private static JsonNode json(String text) throws Exception {
    return Json.read(text.replace('\'', '"'));
  }

  private static String item(String overall) {
    return "{'artifact_id':'skill:a','status':{'overall':" + overall + "},'upstream_error':null}";
  }

  @Test
  void status_allSynced_isZero() throws Exception {
    assertThat(ExitCodes.ofStatus(json("{'items':[" + item("'synced'") + "],'errors':[]}")))
        .isEqualTo(0);
  }

  @Test
  void status_noArtifacts_isZero() throws Exception {
    assertThat(ExitCodes.ofStatus(json("{'items':[],'errors':[]}"))).isEqualTo(0);
  }

  @Test
  void status_anOutdatedOrMissingArtifact_isDrift() throws Exception {
    for (String drift : new String[] {"'outdated'", "'modified'", "'diverged'", "'missing'"}) {
      JsonNode list = json("{'items':[" + item("'synced'") + "," + item(drift) + "]}");
      assertThat(ExitCodes.ofStatus(list)).as(drift).isEqualTo(1);
    }
  }

  @Test
  void status_anArtifactWithNoEdge_isNotDrift() throws Exception {
    assertThat(ExitCodes.ofStatus(json("{'items':[" + item("null") + "]}"))).isEqualTo(0);
  }

  @Test
  void status_aConflictOrErrorAnywhere_isTwo() throws Exception {
    assertThat(
            ExitCodes.ofStatus(
                json("{'items':[" + item("'outdated'") + "," + item("'conflict'") + "]}")))
        .isEqualTo(2);
    assertThat(ExitCodes.ofStatus(json("{'items':[" + item("'error'") + "]}"))).isEqualTo(2);
  }

  @Test
  void status_anUnreadableUpstreamOrABadEntryNamingNoArtifact_isTwo() throws Exception {
    String unreadable =
        "{'items':[{'status':{'overall':'synced'},'upstream_error':'not found'}],'errors':[]}";
    assertThat(ExitCodes.ofStatus(json(unreadable))).isEqualTo(2);
    String badEntry = "{'items':[],'errors':[{'file':'f','artifact_id':null,'reason':'r'}]}";
    assertThat(ExitCodes.ofStatus(json(badEntry))).isEqualTo(2);
  }

  @Test
  void status_aBadEntryNamingAListedArtifact_countsThroughThatArtifact() throws Exception {
    String list =
        "{'items':[" + item("'synced'") + "],'errors':[{'artifact_id':'skill:a','reason':'r'}]}";
    assertThat(ExitCodes.ofStatus(json(list))).isEqualTo(0);
  }

  @Test
  void diff_identicalIsZero_differentIsOne_conflictedEdgeIsTwo() {
    assertThat(ExitCodes.ofDiff(true, "conflict")).isEqualTo(0);
    assertThat(ExitCodes.ofDiff(false, "outdated")).isEqualTo(1);
    assertThat(ExitCodes.ofDiff(false, null)).isEqualTo(1);
    assertThat(ExitCodes.ofDiff(false, "conflict")).isEqualTo(2);
  }

  @Test
  void job_successConflictErrorCanceled() throws Exception {
    assertThat(ExitCodes.ofJob(json("{'state':'success'}"))).isEqualTo(0);
    assertThat(ExitCodes.ofJob(json("{'state':'conflict'}"))).isEqualTo(1);
    assertThat(ExitCodes.ofJob(json("{'state':'error'}"))).isEqualTo(2);
    assertThat(ExitCodes.ofJob(json("{'state':'canceled'}"))).isEqualTo(2);
  }

  @Test
  void plan_predictedConflictIsOne_anArtifactInErrorOrAFailedDryRunIsTwo() throws Exception {
    String clean = "{'state':'success','plans':[{'action':'update','predicted_conflicts':[]}]}";
    String conflict =
        "{'state':'success','plans':[{'action':'merge','predicted_conflicts':[{'path':'a'}]}]}";
    String errorPlan = "{'state':'success','plans':[{'action':'error','predicted_conflicts':[]}]}";
    assertThat(ExitCodes.ofPlan(json(clean))).isEqualTo(0);
    assertThat(ExitCodes.ofPlan(json(conflict))).isEqualTo(1);
    assertThat(ExitCodes.ofPlan(json(errorPlan))).isEqualTo(2);
    assertThat(ExitCodes.ofPlan(json("{'state':'error','plans':[]}"))).isEqualTo(2);
  }
}
