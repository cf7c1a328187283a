package dev.tiersync.app.it;

import java.util.Map;

/** The sync job contract against the embedded (in-process) Temporal server. */
class SyncJobsEmbeddedIT extends SyncJobsContract {
  @Override
  Map<String, String> temporalEnv() {
    return Map.of();
  }
}
