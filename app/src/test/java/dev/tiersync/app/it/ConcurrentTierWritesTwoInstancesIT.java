package dev.tiersync.app.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * Concurrent tier writes with two app processes sharing one data folder and one real Temporal dev
 * server: the jobs' activities run on both workers, so the tier writer lock must hold across
 * processes (its OS file lock), not only across threads.
 */
class ConcurrentTierWritesTwoInstancesIT extends ConcurrentTierWritesContract {
  private DevServer server;

  @Override
  Map<String, String> temporalEnv(Path tmp) throws Exception {
    server = DevServer.start(tmp);
    return Map.of("TEMPORAL_ADDRESS", server.address());
  }

  @Override
  int instances() {
    return 2;
  }

  @Override
  void closeServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }
}
