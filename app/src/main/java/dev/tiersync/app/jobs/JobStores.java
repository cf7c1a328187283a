package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.InstanceFiles;
import dev.tiersync.app.config.TiersyncProperties;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job store that {@code SYNC_JOB_STORE} asks for. */
public final class JobStores {
  private static final Logger log = LoggerFactory.getLogger(JobStores.class);

  private JobStores() {}

  /**
   * @param database opens the SQL store (SQLite, or PostgreSQL in {@code postgres} mode); it throws
   *     when the database cannot be opened
   * @param jsonl the JSONL file (the mirror, or the whole store); see {@link #jsonlFile}
   */
  public static JobStore create(
      TiersyncProperties.JobStore mode, Supplier<JobStore> database, Path jsonl, ObjectMapper json) {
    return switch (mode) {
      case SQLITE -> database.get();
      case JSONL -> new JsonlJobStore(jsonl, json);
      case SQLITE_FALLBACK_JSONL -> {
        JsonlJobStore mirror = new JsonlJobStore(jsonl, json);
        try {
          yield new MirroredJobStore(database.get(), mirror);
        } catch (RuntimeException e) {
          log.error("cannot open the SQLite job store ({}); running on {} alone", e.getMessage(), jsonl);
          yield mirror;
        }
      }
      // No fallback to the mirror, at start or later: other instances go on writing to PostgreSQL,
      // and an instance on a file of its own would answer with jobs they never see.
      case POSTGRES -> new MirroredJobStore(openPostgres(database), new JsonlJobStore(jsonl, json), true);
    };
  }

  private static JobStore openPostgres(Supplier<JobStore> database) {
    try {
      return database.get();
    } catch (RuntimeException e) {
      throw new JobStoreUnavailableException(e);
    }
  }

  /**
   * The JSONL file in {@code dataDir}: {@code jobs.jsonl}, or in {@code postgres} mode, where
   * several instances may share one data directory, {@code jobs-<instance id>.jsonl}.
   */
  public static Path jsonlFile(Path dataDir, TiersyncProperties.JobStore mode, String instanceId) {
    return dataDir.resolve(InstanceFiles.jsonl("jobs", mode, instanceId));
  }

  /**
   * The PostgreSQL job store cannot be opened (unreachable, refused login, a failed migration).
   * Start-up stops with this message ({@link JobStoreUnavailableAnalyzer}).
   */
  public static final class JobStoreUnavailableException extends RuntimeException {
    JobStoreUnavailableException(RuntimeException cause) {
      super("cannot open the PostgreSQL job store (SYNC_JOB_STORE=postgres, SYNC_DB_URL): " + reason(cause), cause);
    }

    /**
     * The driver's own words (its innermost {@link SQLException}, which names the host and port),
     * else the innermost message: without Spring's and the pool's wrapping.
     */
    private static String reason(Throwable e) {
      String reason = null;
      String driver = null;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
          reason = t.getMessage();
          driver = t instanceof SQLException ? reason : driver;
        }
      }
      reason = driver != null ? driver : reason;
      return reason == null ? e.getClass().getSimpleName() : reason.strip();
    }
  }
}
