package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The sync job contract against a real Temporal dev server ({@code temporal server start-dev}). */
class SyncJobsRealServerIT extends SyncJobsContract {
  private DevServer server;

  @Override
  Map<String, String> temporalEnv() throws Exception {
    server = DevServer.start(tmp);
    return Map.of("TEMPORAL_ADDRESS", server.address());
  }

  @Test
  void jobs_canBeFoundByArtifactInTemporalVisibility() throws Exception {
    ws.addUpstreamSkill("visible", "a\n");
    String id = run(Map.of("direction", "upstream_to_collection", "artifact_ids", List.of("skill:visible"))).get("job_id").asText();

    List<String> found = List.of();
    for (int i = 0; i < 50 && !found.contains(id); i++) {
      found = server.listWorkflowIds("TiersyncArtifactIds = 'skill:visible' AND TiersyncDirection = 'upstream_to_collection'");
      Thread.sleep(200);
    }
    assertThat(found).containsExactly(id);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
