package dev.tiersync.app.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * Restart against a real server: the workflow survives the app; the apply activity that died
 * with the worker times out on its heartbeat and is retried once by the restarted worker.
 */
class RestartRealServerIT extends RestartContract {
  private DevServer server;

  @Override
  Map<String, String> temporalEnv(Path tmp) throws Exception {
    server = DevServer.start(tmp);
    return Map.of("TEMPORAL_ADDRESS", server.address());
  }

  @Override
  void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
