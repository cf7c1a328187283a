package dev.tiersync.app.it;

import java.nio.file.Path;
import java.util.Map;

/** Concurrent tier writes with one app on the embedded Temporal server. */
class ConcurrentTierWritesEmbeddedIT extends ConcurrentTierWritesContract {
  @Override
  Map<String, String> temporalEnv(Path tmp) {
    return Map.of();
  }

  @Override
  int instances() {
    return 1;
  }
}
