package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.TiersyncProperties;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job store that {@code SYNC_JOB_STORE} asks for. */
public final class JobStores {
  private static final Logger log = LoggerFactory.getLogger(JobStores.class);

  private JobStores() {}

  /**
   * @param sqlite opens the SQLite store; it throws when the file cannot be opened
   * @param jsonl the JSONL file (the mirror, or the whole store)
   */
  public static JobStore create(
      TiersyncProperties.JobStore mode, Supplier<JobStore> sqlite, Path jsonl, ObjectMapper json) {
    return switch (mode) {
      case SQLITE -> sqlite.get();
      case JSONL -> new JsonlJobStore(jsonl, json);
      case SQLITE_FALLBACK_JSONL -> {
        JsonlJobStore mirror = new JsonlJobStore(jsonl, json);
        try {
          yield new MirroredJobStore(sqlite.get(), mirror);
        } catch (RuntimeException e) {
          log.error("cannot open the SQLite job store ({}); running on {} alone", e.getMessage(), jsonl);
          yield mirror;
        }
      }
    };
  }
}
