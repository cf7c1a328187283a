package dev.tiersync.app.it;

import dev.tiersync.app.PostgresServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Concurrent tier writes with two app processes sharing one data folder, one real Temporal dev
 * server and one PostgreSQL job store (the team shape): the jobs' activities run on both workers,
 * so the tier writer lock must hold across processes (its OS file lock), not only across threads.
 */
class ConcurrentTierWritesTwoInstancesIT extends ConcurrentTierWritesContract {
  private DevServer server;
  private PostgresServer postgres;

  @Override
  Map<String, String> temporalEnv(Path tmp) throws Exception {
    server = DevServer.start(tmp);
    postgres = PostgresServer.start();
    Map<String, String> env = new HashMap<>(postgres.environment());
    env.put("TEMPORAL_ADDRESS", server.address());
    env.put("SYNC_JOB_STORE", "postgres");
    return env;
  }

  @Override
  int instances() {
    return 2;
  }

  @Override
  void closeServer() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
