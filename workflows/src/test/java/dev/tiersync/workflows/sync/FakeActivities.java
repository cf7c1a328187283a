package dev.tiersync.workflows.sync;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.jobs.ArtifactResult;
import dev.tiersync.workflows.jobs.ConflictFile;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.Outcome;
import dev.tiersync.workflows.lock.ArtifactLockWorkflow;
import dev.tiersync.workflows.lock.LockActivities;
import dev.tiersync.workflows.lock.LockRequest;
import dev.tiersync.workflows.patch.PatchActivities;
import dev.tiersync.workflows.patch.PatchInput;
import dev.tiersync.workflows.patch.PatchOutput;
import dev.tiersync.workflows.resolve.ResolveActivities;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.resolve.ResolveOutcome;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import dev.tiersync.workflows.TaskQueues;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Activity implementations for workflow tests: plans and results are derived from artifact ids
 * ("conflict" in a name plans a conflict), apply can be made to fail or to block.
 */
final class FakeActivities
    implements FetchActivities,
        MergeActivities,
        ApplyActivities,
        JobEventActivities,
        LockActivities,
        ResolveActivities,
        PatchActivities {
  final List<JobSnapshot> published = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger resolveCalls = new AtomicInteger();
  final AtomicInteger applyAttempts = new AtomicInteger();
  final List<String> applied = Collections.synchronizedList(new ArrayList<>());
  volatile int transientApplyFailures;
  volatile boolean validationFailure;
  volatile CountDownLatch applyGate;
  /** When set, only the apply of this artifact waits for {@link #applyGate}. */
  volatile String gatedArtifact;
  final Map<String, CountDownLatch> applyStarted = new ConcurrentHashMap<>();
  private final WorkflowClient client;

  FakeActivities(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<String> resolveArtifacts(JobRequest request) {
    resolveCalls.incrementAndGet();
    if (validationFailure) {
      throw ApplicationFailure.newNonRetryableFailure(
          "unknown collection 'nope'", ErrorTypes.VALIDATION);
    }
    return List.of("skill:a", "skill:b");
  }

  @Override
  public FetchResult fetch(FetchInput input) {
    List<FetchedArtifact> out = new ArrayList<>();
    for (String id : input.request().artifactIds()) {
      out.add(new FetchedArtifact(id, "src-" + id, "dst-" + id, "base-" + id, null, null, null));
    }
    return new FetchResult(out);
  }

  @Override
  public MergeResult merge(MergeInput input) {
    List<ArtifactPlan> plans = new ArrayList<>();
    for (FetchedArtifact f : input.artifacts()) {
      boolean conflict = f.artifactId().contains("conflict");
      plans.add(
          new ArtifactPlan(
              f.artifactId(),
              conflict ? "conflict" : "update",
              null,
              input.request().strategyFor(f.artifactId()),
              f.sourceHash(),
              f.destinationHash(),
              f.baseHash(),
              "merged-" + f.artifactId(),
              List.of(),
              List.of(),
              List.of("SKILL.md"),
              conflict ? List.of(new ConflictFile(f.artifactId(), "SKILL.md", "content")) : List.of(),
              null,
              null));
    }
    return new MergeResult(plans);
  }

  @Override
  public ArtifactResult apply(ApplyInput input) {
    applyAttempts.incrementAndGet();
    applyStarted.computeIfAbsent(input.request().jobId(), k -> new CountDownLatch(1)).countDown();
    CountDownLatch gate = applyGate;
    String only = gatedArtifact;
    if (gate != null && (only == null || only.equals(input.plan().artifactId()))) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (transientApplyFailures > 0) {
      transientApplyFailures--;
      throw ApplicationFailure.newFailure("disk busy", ErrorTypes.TRANSIENT_IO);
    }
    ArtifactPlan p = input.plan();
    applied.add(input.request().jobId() + ":" + p.artifactId());
    Outcome o = "conflict".equals(p.action()) ? Outcome.CONFLICT : Outcome.UPDATED;
    return new ArtifactResult(p.artifactId(), o, null, 0, 0, 1, p.destinationHash(), p.mergedHash());
  }

  /** Resolving leaves a file marked when the strategy is auto and the id says "marked". */
  @Override
  public ResolveOutcome resolve(ResolveInput input) {
    String id = input.plan().artifactId();
    boolean marked = id.contains("marked") && input.request().strategyFor(id) == dev.tiersync.workflows.jobs.Strategy.AUTO;
    ArtifactResult r =
        new ArtifactResult(id, marked ? Outcome.CONFLICT : Outcome.UPDATED, marked ? "1 file(s) still hold conflict markers" : "took theirs", 0, 0, 1, "before", "after");
    return new ResolveOutcome(r, marked ? List.of("SKILL.md") : List.of());
  }

  @Override
  public PatchOutput build(PatchInput input) {
    List<ArtifactResult> out = new ArrayList<>();
    for (String id : input.request().artifactIds()) {
      out.add(new ArtifactResult(id, Outcome.UPDATED, null, 0, 0, 1, "base", "project"));
    }
    return new PatchOutput(
        Map.of("download_url", "/api/v1/sync/patches/" + input.request().jobId(), "sha256", "00", "size_bytes", "1", "trial_apply", "clean"),
        out,
        List.of("bundle written"));
  }

  @Override
  public void publish(JobSnapshot snapshot) {
    published.add(snapshot);
  }

  @Override
  public void requestLock(LockCall call) {
    ArtifactLockWorkflow lock =
        client.newWorkflowStub(
            ArtifactLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(call.lockId())
                .setTaskQueue(TaskQueues.JOBS)
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(lock::run, null);
    batch.add(lock::acquire, new LockRequest(call.requesterId(), call.label()));
    client.signalWithStart(batch);
  }

  @Override
  public boolean isRunning(String workflowId) {
    var response =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    return response.getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
