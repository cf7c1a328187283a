package dev.tiersync.app.config;

import dev.tiersync.engine.patch.BundleFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Every tiersync setting (SPEC section 9), bound from {@code application.yml}, which maps each
 * documented environment variable ({@code SYNC_*}, {@code TEMPORAL_*}, {@code TIERSYNC_*}) onto
 * these keys and holds the defaults. {@code docs/configuration.md} lists them for users.
 *
 * @param home data directory (SQLite store, history repository, caches); {@code TIERSYNC_HOME}
 * @param collections root folder holding one folder per collection; {@code TIERSYNC_COLLECTIONS}
 * @param projectRoots folders inside which project paths must resolve; {@code
 *     TIERSYNC_PROJECT_ROOTS}
 * @param apiTokens accepted bearer tokens; empty means one is generated on first start; {@code
 *     TIERSYNC_API_TOKENS}
 * @param sync job and sync behaviour ({@code SYNC_*})
 * @param temporal where Temporal runs ({@code TEMPORAL_*})
 * @param instanceId this instance's name among those sharing a PostgreSQL job store and a data
 *     directory: it names the instance's JSONL mirror; blank means the host name; {@code
 *     TIERSYNC_INSTANCE_ID}
 */
@ConfigurationProperties("tiersync")
public record TiersyncProperties(
    Path home,
    Path collections,
    List<Path> projectRoots,
    List<String> apiTokens,
    Sync sync,
    Temporal temporal,
    String instanceId) {

  public TiersyncProperties {
    home = absolute(Objects.requireNonNull(home, "tiersync.home (TIERSYNC_HOME) must be set"));
    collections =
        absolute(
            Objects.requireNonNull(
                collections, "tiersync.collections (TIERSYNC_COLLECTIONS) must be set"));
    projectRoots =
        projectRoots == null
            ? List.of()
            : projectRoots.stream().map(TiersyncProperties::absolute).toList();
    apiTokens =
        apiTokens == null
            ? List.of()
            : apiTokens.stream().map(String::strip).filter(token -> !token.isEmpty()).toList();
    Objects.requireNonNull(sync, "tiersync.sync must be set");
    Objects.requireNonNull(temporal, "tiersync.temporal must be set");
    instanceId =
        MachineId.check(
            instanceId == null || instanceId.isBlank() ? HostName.local() : instanceId.strip(),
            "tiersync.instance-id (TIERSYNC_INSTANCE_ID, default: the host name)");
  }

  /** Tokens are secrets: never let them reach a log line through {@code toString()}. */
  @Override
  public String toString() {
    return ("TiersyncProperties[home=%s, collections=%s, projectRoots=%s, apiTokens=<%d hidden>,"
            + " sync=%s, temporal=%s, instanceId=%s]")
        .formatted(home, collections, projectRoots, apiTokens.size(), sync, temporal, instanceId);
  }

  /**
   * Job and sync behaviour.
   *
   * @param asyncEnabled the kill switch: when false, job creation answers 503 and running jobs
   *     finish; {@code SYNC_ASYNC_ENABLED}
   * @param jobStore where job state is persisted; {@code SYNC_JOB_STORE}
   * @param uiToasts whether the UI shows completion toasts; {@code SYNC_UI_TOASTS}
   * @param diffPreviewMax largest diff returned inline; bigger ones get a download link; {@code
   *     SYNC_DIFF_PREVIEW_MAX}
   * @param patchExport archive format of patch bundles ({@code tar.gz} binds to {@link
   *     BundleFormat#TAR_GZ}); {@code SYNC_PATCH_EXPORT}
   * @param patchRateLimit patch exports each API token may start per minute; {@code
   *     SYNC_PATCH_RATE_LIMIT}
   * @param upstreamTimeout the longest a fetch of an upstream made to answer a request (browsing an
   *     upstream, its commits) may take in all, and the longest any upstream network read may
   *     stall; {@code SYNC_UPSTREAM_TIMEOUT}
   * @param db the PostgreSQL database of {@code SYNC_JOB_STORE=postgres} ({@code SYNC_DB_*})
   */
  public record Sync(
      boolean asyncEnabled,
      JobStore jobStore,
      boolean uiToasts,
      DataSize diffPreviewMax,
      BundleFormat patchExport,
      int patchRateLimit,
      Duration upstreamTimeout,
      Db db) {

    public Sync {
      Objects.requireNonNull(jobStore, "tiersync.sync.job-store (SYNC_JOB_STORE) must be set");
      db = db == null ? new Db(null, null, null) : db;
      if (jobStore == JobStore.POSTGRES && db.url().isEmpty()) {
        throw new IllegalArgumentException(
            "tiersync.sync.db.url (SYNC_DB_URL) must be set when SYNC_JOB_STORE=postgres,"
                + " e.g. jdbc:postgresql://db-host:5432/tiersync");
      }
      Objects.requireNonNull(
          patchExport, "tiersync.sync.patch-export (SYNC_PATCH_EXPORT) must be set");
      Objects.requireNonNull(
          diffPreviewMax, "tiersync.sync.diff-preview-max (SYNC_DIFF_PREVIEW_MAX) must be set");
      if (diffPreviewMax.toBytes() <= 0) {
        throw new IllegalArgumentException(
            "tiersync.sync.diff-preview-max (SYNC_DIFF_PREVIEW_MAX) must be positive, was "
                + diffPreviewMax);
      }
      if (patchRateLimit < 1) {
        throw new IllegalArgumentException(
            "tiersync.sync.patch-rate-limit (SYNC_PATCH_RATE_LIMIT) must be at least 1, was " + patchRateLimit);
      }
      Objects.requireNonNull(
          upstreamTimeout, "tiersync.sync.upstream-timeout (SYNC_UPSTREAM_TIMEOUT) must be set");
      if (upstreamTimeout.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "tiersync.sync.upstream-timeout (SYNC_UPSTREAM_TIMEOUT) must be at least 1s, was "
                + upstreamTimeout);
      }
    }
  }

  /**
   * Where Temporal runs.
   *
   * @param address {@code host:port} of a Temporal frontend; blank runs Temporal's test server in
   *     process; {@code TEMPORAL_ADDRESS}
   * @param namespace Temporal namespace; {@code TEMPORAL_NAMESPACE}
   */
  public record Temporal(String address, String namespace) {

    public Temporal {
      address = address == null ? "" : address.strip();
      if (namespace == null || namespace.isBlank()) {
        throw new IllegalArgumentException(
            "tiersync.temporal.namespace (TEMPORAL_NAMESPACE) must not be blank");
      }
    }
  }

  /**
   * The PostgreSQL database of the job store.
   *
   * @param url {@code jdbc:postgresql://host:port/database}; {@code SYNC_DB_URL}
   * @param user {@code SYNC_DB_USER}
   * @param password {@code SYNC_DB_PASSWORD}
   */
  public record Db(String url, String user, String password) {

    public Db {
      url = url == null ? "" : url.strip();
      user = user == null ? "" : user.strip();
      password = password == null ? "" : password;
      if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "tiersync.sync.db.url (SYNC_DB_URL) must be a PostgreSQL JDBC URL starting with"
                + " 'jdbc:postgresql:', was '" + url + "'");
      }
    }

    /** The password is a secret: never let it reach a log line through {@code toString()}. */
    @Override
    public String toString() {
      return "Db[url=%s, user=%s, password=<%s>]".formatted(url, user, password.isEmpty() ? "none" : "hidden");
    }
  }

  /** Values of {@code SYNC_JOB_STORE}. */
  public enum JobStore {
    /** SQLite is primary and every transition is mirrored to an append-only JSONL file. */
    SQLITE_FALLBACK_JSONL,
    SQLITE,
    JSONL,
    /**
     * PostgreSQL ({@code SYNC_DB_*}) is primary, shared by every instance, and each instance
     * mirrors its writes to a JSONL file of its own.
     */
    POSTGRES
  }

  /** Expands a leading {@code ~} (a literal one, e.g. from a quoted env value) and absolutises. */
  public static Path absolute(Path path) {
    String text = path.toString();
    if (text.equals("~") || text.startsWith("~/")) {
      String rest = text.length() > 1 ? text.substring(2) : "";
      path = Path.of(System.getProperty("user.home")).resolve(rest);
    }
    return path.toAbsolutePath().normalize();
  }
}
