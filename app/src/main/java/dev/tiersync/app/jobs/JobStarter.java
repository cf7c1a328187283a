package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.workflows.jobs.JobRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Creates jobs: records a validated request in the job store and has its workflow started, once
 * per {@code Idempotency-Key}. Used by the sync, resolve and patch endpoints. The request answers
 * once the {@code queued} record is written; {@link JobLauncher} starts the workflow right after,
 * off the request thread.
 */
@Service
public class JobStarter {
  static final int MAX_IDEMPOTENCY_KEY = 200;

  private final JobStore store;
  private final JobViews views;
  private final JobLauncher launcher;
  private final TiersyncProperties properties;
  private final JobMetrics metrics;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  JobStarter(
      JobStore store,
      JobViews views,
      JobLauncher launcher,
      TiersyncProperties properties,
      JobMetrics metrics,
      Clock clock) {
    this.store = store;
    this.views = views;
    this.launcher = launcher;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A created job and whether this call created it (false: an idempotent repeat). */
  public record Created(JobView job, boolean created) {
    /** The answer of a route that starts a job: {@code 202}, {@code Location} the job's status. */
    public ResponseEntity<JobView> accepted() {
      return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(job.statusUrl())).body(job);
    }
  }

  /**
   * Creates a job of any kind from a validated request without job id and trace id, and has its
   * workflow started. A repeat with the same idempotency key and the same request answers with the job
   * the first call created.
   *
   * @throws ApiException 400 for a malformed idempotency key, 409 for a key reused with a
   *     different request, 503 when job creation is switched off
   */
  public Created start(JobRequest canonical, String idempotencyKey, String principal) {
    ensureEnabled();
    String requestHash = sha256(views.write(canonical));
    if (idempotencyKey != null) {
      if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
        throw ApiException.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters");
      }
      Optional<JobRecord> seen = store.findByIdempotencyKey(idempotencyKey);
      if (seen.isPresent()) {
        return repeat(seen.get(), requestHash);
      }
    }
    String jobId = "job-" + UUID.randomUUID();
    String traceId = traceId();
    JobRequest request = canonical.started(jobId, traceId);
    Instant now = clock.instant();
    JobRecord record =
        new JobRecord(
            jobId, JobViews.lower(request.kind()), JobViews.lower(request.direction()), JobStates.QUEUED, 0,
            "queued", request.collection(), request.projectPath(), views.writeIds(request.artifactIds()),
            views.write(request), null, traceId, idempotencyKey, requestHash, principal, now, null, null);
    try {
      store.insert(record);
    } catch (JobStore.DuplicateJobException e) {
      // Two requests with the same new key raced (on this instance or another one sharing the
      // store): the loser answers as a repeat of the winner, or 409 when its body differs.
      JobRecord winner =
          store.findByIdempotencyKey(idempotencyKey)
              .orElseThrow(() -> ApiException.conflict("Idempotency-Key", e.getMessage()));
      return repeat(winner, requestHash);
    }
    metrics.started();
    launcher.launch(record, request);
    return new Created(views.view(record), true);
  }

  /** A request whose idempotency key {@code seen} already holds: the same job, or 409. */
  private Created repeat(JobRecord seen, String requestHash) {
    if (!requestHash.equals(seen.requestHash())) {
      throw ApiException.conflict("Idempotency-Key", "Idempotency-Key was already used with a different request body");
    }
    return new Created(views.view(seen), false);
  }

  /**
   * The kill switch: with {@code SYNC_ASYNC_ENABLED=false} no job is created (503), while jobs
   * already running finish and reads keep working.
   */
  public void ensureEnabled() {
    if (!properties.sync().asyncEnabled()) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE, null,
          "job creation is switched off (SYNC_ASYNC_ENABLED=false); running jobs finish");
    }
  }

  private String traceId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
