package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.Direction;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.Strategy;
import dev.tiersync.workflows.patch.PatchWorkflow;
import dev.tiersync.workflows.resolve.ResolveWorkflow;
import dev.tiersync.workflows.sync.SyncWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Creates, reads, lists and cancels jobs. Each job is one Temporal workflow whose id is the job
 * id; the job store holds what clients read, so status reads never wait on Temporal.
 */
@Service
public class JobService {
  private static final Logger log = LoggerFactory.getLogger(JobService.class);
  static final int MAX_ARTIFACT_IDS = 1000;
  static final Duration RETENTION = Duration.ofDays(30);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(5);
  /**
   * How long a cancel waits for a job that is writing an artifact (phase apply or resolve): the
   * workflow waits for that write to finish (it is atomic and not interrupted), then ends and
   * releases its locks. Terminating it earlier would leave its locks held until the lock's lease.
   */
  private static final Duration WRITE_GRACE = Duration.ofSeconds(60);
  private static final java.util.Set<String> WRITE_PHASES = java.util.Set.of("apply", "resolve");

  private final JobStore store;
  private final JobViews views;
  private final WorkflowClient client;
  private final TiersyncProperties properties;
  private final ScopeResolver scopes;
  private final JobEventPublisher publisher;
  private final JobMetrics metrics;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final EndedJobViews endedViews = new EndedJobViews();
  /** Search attributes are set on a real cluster; the embedded test server does not index them. */
  private volatile boolean searchAttributesUsable;

  public JobService(
      JobStore store,
      JobViews views,
      WorkflowClient client,
      TiersyncProperties properties,
      ScopeResolver scopes,
      JobEventPublisher publisher,
      JobMetrics metrics,
      Clock clock) {
    this.store = store;
    this.views = views;
    this.client = client;
    this.properties = properties;
    this.scopes = scopes;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
    this.searchAttributesUsable = !properties.temporal().address().isBlank();
  }

  /** A created job and whether this call created it (false: an idempotent repeat). */
  public record Created(JobView job, boolean created) {}

  /**
   * Validates a sync request and starts its workflow.
   *
   * @throws ApiException 400 for bad input (naming the field), 409 for an idempotency key reused
   *     with a different body, 503 when job creation is switched off
   */
  public Created createSync(CreateJobRequest body, String idempotencyKey, String principal) {
    ensureEnabled();
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    Direction direction = direction(body.direction());
    Strategy strategy = strategy(body.strategy());
    List<String> ids = artifactIds(body.artifactIds());
    String collection = body.collection() == null || body.collection().isBlank() ? "default" : body.collection();
    String projectPath = blankToNull(body.projectPath());
    boolean needsProject = direction != Direction.UPSTREAM_TO_COLLECTION;
    if (needsProject && projectPath == null) {
      throw ApiException.badRequest("project_path", "project_path is required for direction " + lower(direction));
    }
    try {
      scopes.collection(collection);
      if (projectPath != null) {
        projectPath = scopes.project(projectPath).projectDir().toString();
      }
    } catch (ScopeResolver.InvalidScopeException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    }
    boolean dryRun = body.dryRun() == null || body.dryRun();
    JobRequest canonical =
        new JobRequest(null, JobKind.SYNC, direction, ids, collection, projectPath, strategy, Map.of(), dryRun, null, null, null, List.of());
    return create(canonical, idempotencyKey, principal);
  }

  /**
   * Creates a job of any kind from a validated request without job id and trace id, and starts its
   * workflow. Used by the sync, resolve and patch endpoints.
   */
  public Created create(JobRequest canonical, String idempotencyKey, String principal) {
    ensureEnabled();
    String requestHash = sha256(views.write(canonical));
    if (idempotencyKey != null) {
      if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
        throw ApiException.badRequest("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters");
      }
      Optional<JobRecord> seen = store.findByIdempotencyKey(idempotencyKey);
      if (seen.isPresent()) {
        if (!requestHash.equals(seen.get().requestHash())) {
          throw ApiException.conflict(
              "Idempotency-Key", "Idempotency-Key was already used with a different request body");
        }
        return new Created(views.view(seen.get()), false);
      }
    }
    String jobId = "job-" + UUID.randomUUID();
    String traceId = traceId();
    JobRequest request =
        new JobRequest(
            jobId, canonical.kind(), canonical.direction(), canonical.artifactIds(), canonical.collection(),
            canonical.projectPath(), canonical.strategy(), canonical.strategies(), canonical.dryRun(), traceId,
            canonical.sourceJobId(), canonical.format(), canonical.plans());
    Instant now = clock.instant();
    JobRecord record =
        new JobRecord(
            jobId, lower(request.kind()), lower(request.direction()), JobStates.QUEUED, 0, "queued",
            request.collection(), request.projectPath(), views.writeIds(request.artifactIds()),
            views.write(request), null, traceId, idempotencyKey, requestHash, principal, now, null, null);
    try {
      store.insert(record);
    } catch (JobStore.DuplicateJobException e) {
      // Two requests with the same new key raced; the loser answers with the winner's job.
      return store.findByIdempotencyKey(idempotencyKey)
          .map(r -> new Created(views.view(r), false))
          .orElseThrow(() -> ApiException.conflict("Idempotency-Key", e.getMessage()));
    }
    metrics.started();
    start(request);
    return new Created(views.view(store.find(jobId).orElse(record)), true);
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

  private void start(JobRequest request) {
    WorkflowOptions.Builder builder =
        WorkflowOptions.newBuilder()
            .setWorkflowId(request.jobId())
            .setTaskQueue(TaskQueues.JOBS)
            .setMemo(Map.of("trace_id", request.traceId()));
    if (searchAttributesUsable) {
      builder.setTypedSearchAttributes(JobSearchAttributes.of(request));
    }
    try {
      startWorkflow(request, builder.build());
    } catch (io.temporal.client.WorkflowServiceException e) {
      if (!searchAttributesUsable || !JobSearchAttributes.isUnknownAttributeError(e)) {
        throw e;
      }
      // The namespace lacks tiersync's search attributes (see docs/operations.md): run without
      // them rather than refuse jobs.
      log.warn("Temporal namespace has no tiersync search attributes; starting jobs without them: {}", e.getMessage());
      searchAttributesUsable = false;
      startWorkflow(request, builder.setTypedSearchAttributes(null).build());
    }
  }

  private void startWorkflow(JobRequest request, WorkflowOptions options) {
    try {
      switch (request.kind()) {
        case SYNC -> WorkflowClient.start(client.newWorkflowStub(SyncWorkflow.class, options)::run, request);
        case RESOLVE -> WorkflowClient.start(client.newWorkflowStub(ResolveWorkflow.class, options)::run, request);
        case PATCH -> WorkflowClient.start(client.newWorkflowStub(PatchWorkflow.class, options)::run, request);
      }
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw ApiException.conflict("job_id", "a workflow with id " + request.jobId() + " already exists");
    }
  }

  public Optional<JobView> get(String jobId) {
    Optional<JobView> ended = endedViews.get(jobId);
    if (ended.isPresent()) {
      return ended;
    }
    Optional<JobView> view = store.find(jobId).map(views::view);
    view.ifPresent(endedViews::remember);
    return view;
  }

  /** A page of jobs, newest first. */
  public record Page(List<JobView> items, long total, int limit, int offset) {}

  public Page list(JobQuery query) {
    List<JobView> items = store.list(query).stream().map(views::view).toList();
    return new Page(items, store.count(query), query.limit(), query.offset());
  }

  /**
   * Cancels a job. Queued, lock-waiting and running jobs are asked to stop (each artifact keeps its
   * old or its new version); one that does not stop within a few seconds is terminated, except that
   * a job writing an artifact gets up to a minute to finish that write (the workflow then ends
   * canceled and releases its locks, which a terminated job cannot do). A job that already ended
   * is returned as it is.
   */
  public JobView cancel(String jobId) {
    JobRecord r = store.find(jobId).orElseThrow(() -> ApiException.notFound("no job " + jobId));
    if (JobStates.terminal(r.state())) {
      return views.view(r);
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(jobId);
    try {
      stub.cancel();
    } catch (WorkflowNotFoundException e) {
      markEnded(r, JobState.CANCELED, "canceled (workflow was not running)");
      return views.view(store.find(jobId).orElseThrow());
    }
    Instant asked = clock.instant();
    Duration grace = CANCEL_GRACE;
    while (true) {
      JobRecord now = store.find(jobId).orElseThrow();
      if (JobStates.terminal(now.state())) {
        return views.view(now);
      }
      grace = "running".equals(now.state()) && WRITE_PHASES.contains(now.phase()) ? WRITE_GRACE : CANCEL_GRACE;
      if (!clock.instant().isBefore(asked.plus(grace))) {
        break;
      }
      sleep(25);
    }
    try {
      stub.terminate("canceled: did not stop within " + grace.toSeconds() + " s");
    } catch (WorkflowNotFoundException e) {
      // It ended between the last look and now.
    }
    markEnded(store.find(jobId).orElseThrow(), JobState.CANCELED, "canceled (terminated)");
    return views.view(store.find(jobId).orElseThrow());
  }

  /**
   * Reconciles the store with Temporal at start: a job Temporal no longer knows (the embedded
   * server keeps nothing across restarts) is started again under the same id; activities are
   * idempotent, so re-running is safe. A job whose workflow ended while the app was down gets its
   * final state.
   */
  @EventListener(ApplicationReadyEvent.class)
  public void reconcile() {
    List<JobRecord> unfinished = store.unfinished();
    metrics.reset(unfinished.size());
    for (JobRecord r : unfinished) {
      try {
        reconcile(r);
      } catch (RuntimeException e) {
        log.error("could not reconcile job {}: {}", r.jobId(), e.getMessage());
      }
    }
  }

  private void reconcile(JobRecord r) {
    WorkflowExecutionStatus status = WorkflowStatuses.of(client, r.jobId()).orElse(null);
    if (status == null) {
      log.info("job {} is unknown to Temporal (restarted server?); starting it again", r.jobId());
      start(restartRequest(r));
      return;
    }
    switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> log.info("job {} is still running in Temporal", r.jobId());
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> {
        JobSnapshot s = client.newUntypedWorkflowStub(r.jobId()).getResult(JobSnapshot.class);
        publisher.publish(s);
      }
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> markEnded(r, JobState.CANCELED, "canceled");
      default -> markEnded(r, JobState.ERROR, "workflow ended as " + status.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The request a job is started again with. A sync that had recorded its plan applies that plan
   * rather than planning anew: a new plan would see what the first run already wrote as the
   * destination and report it as unchanged, and the job record and audit log would lose the write.
   */
  private JobRequest restartRequest(JobRecord r) {
    JobRequest request = views.request(r);
    JobSnapshot recorded = views.snapshot(r);
    if (request.kind() == JobKind.SYNC
        && !request.dryRun()
        && recorded != null
        && !recorded.plans().isEmpty()) {
      return request.resumingFrom(recorded.plans());
    }
    return request;
  }

  private void markEnded(JobRecord r, JobState state, String line) {
    JobSnapshot prev = views.snapshot(r);
    List<String> logLines = new ArrayList<>(prev == null ? List.of() : prev.log());
    logLines.add(line);
    JobSnapshot s =
        new JobSnapshot(
            r.jobId(), state, "done", 100, null,
            prev == null ? List.of() : prev.plans(),
            prev == null ? List.of() : prev.artifacts(),
            prev == null ? List.of() : prev.conflicts(),
            List.of(), logLines, prev == null ? Map.of() : prev.result());
    publisher.publish(s);
  }

  /** Removes jobs that ended more than 30 days ago; runs hourly. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  public int cleanup() {
    int n = store.deleteEndedBefore(clock.instant().minus(RETENTION));
    endedViews.clear();
    if (n > 0) {
      log.info("removed {} job(s) that ended more than {} days ago", n, RETENTION.toDays());
    }
    return n;
  }

  private static Direction direction(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("direction", "direction is required (upstream_to_collection, collection_to_project, project_to_collection)");
    }
    Direction d;
    try {
      d = Direction.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "direction",
          "direction must be one of upstream_to_collection, collection_to_project, project_to_collection");
    }
    if (d == Direction.PROJECT_TO_UPSTREAM) {
      throw ApiException.badRequest("direction", "project_to_upstream exports a patch: use POST /api/v1/sync/patch");
    }
    return d;
  }

  private static Strategy strategy(String value) {
    if (value == null || value.isBlank()) {
      return Strategy.AUTO;
    }
    try {
      return Strategy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("strategy", "strategy must be one of auto, ours, theirs");
    }
  }

  /**
   * Parses and de-duplicates {@code type:name} ids, keeping their order.
   *
   * @throws ApiException 400 naming {@code artifact_ids[i]} for the first invalid id
   */
  public static List<String> artifactIds(List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw.size() > MAX_ARTIFACT_IDS) {
      throw ApiException.badRequest("artifact_ids", "artifact_ids may list at most " + MAX_ARTIFACT_IDS + " ids");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        ids.add(ArtifactId.parse(raw.get(i)).toString());
      } catch (InvalidArtifactIdException e) {
        throw ApiException.badRequest("artifact_ids[" + i + "]", e.getMessage());
      }
    }
    return new ArrayList<>(ids);
  }

  private String traceId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
