package dev.tiersync.app.it;

import java.nio.file.Path;
import java.util.Map;

/**
 * Restart with the embedded server: Temporal's state dies with the process, so the app starts the
 * job again under the same id from the job store, and the idempotent activities finish it.
 */
class RestartEmbeddedIT extends RestartContract {
  @Override
  Map<String, String> temporalEnv(Path tmp) {
    return Map.of();
  }
}
