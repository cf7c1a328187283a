package dev.tiersync.app.it;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The sync job contract against a real Temporal dev server ({@code temporal server start-dev}). */
class SyncJobsRealServerIT extends SyncJobsContract {
  private DevServer server;

  @Override
  Map<String, String> temporalEnv() throws Exception {
    server = DevServer.start(tmp);
    return Map.of("TEMPORAL_ADDRESS", server.address());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
