package dev.tiersync.workflows.testing;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.patch.HostedPatchInput;
import dev.tiersync.workflows.patch.PatchActivities;
import dev.tiersync.workflows.patch.PatchInput;
import dev.tiersync.workflows.patch.PatchOutput;
import dev.tiersync.workflows.resolve.ResolveActivities;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.sync.ApplyActivities;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.FetchActivities;
import dev.tiersync.workflows.sync.FetchInput;
import dev.tiersync.workflows.sync.FetchResult;
import dev.tiersync.workflows.sync.JobEventActivities;
import dev.tiersync.workflows.sync.MergeActivities;
import dev.tiersync.workflows.sync.MergeInput;
import dev.tiersync.workflows.sync.MergeResult;
import io.temporal.failure.ApplicationFailure;
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
public final class FakeActivities
    implements FetchActivities,
        MergeActivities,
        ApplyActivities,
        JobEventActivities,
        ResolveActivities,
        PatchActivities {
  public final List<JobSnapshot> published = Collections.synchronizedList(new ArrayList<>());
  public final AtomicInteger resolveCalls = new AtomicInteger();
  public final AtomicInteger applyAttempts = new AtomicInteger();
  public final List<String> applied = Collections.synchronizedList(new ArrayList<>());
  /** {@code <project path>:<artifact id>} of each apply, with the request's project paths. */
  public final List<String> appliedIn = Collections.synchronizedList(new ArrayList<>());
  public volatile int transientApplyFailures;
  /** How many publishes fail next, as while the job store's database is down. */
  public final AtomicInteger publishFailures = new AtomicInteger();
  public volatile boolean validationFailure;
  public volatile CountDownLatch applyGate;
  /** When set, only the apply of this artifact waits for {@link #applyGate}. */
  public volatile String gatedArtifact;
  public final Map<String, CountDownLatch> applyStarted = new ConcurrentHashMap<>();
  /** When set, resolving this artifact fails (not retryable), as a resolve of a vanished file does. */
  public volatile String failingResolve;
  /** When set, the patch export fails with this message (not retryable). */
  public volatile String patchFailure;
  /** What each patch export of a project on a host got: {@code <job id>:<project hash>,…}. */
  public final List<String> hostedPatches = Collections.synchronizedList(new ArrayList<>());
  public final List<String> resolved = Collections.synchronizedList(new ArrayList<>());

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
      out.add(new FetchedArtifact(id, "src-" + id, "dst-" + id, "base-" + id, null, null, null, null));
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
              conflict ? PlanAction.CONFLICT : PlanAction.UPDATE,
              null,
              input.request().strategyFor(f.artifactId()),
              f.sourceHash(),
              f.destinationHash(),
              f.baseHash(),
              "merged-" + f.artifactId(),
              List.of(),
              List.of(),
              List.of("SKILL.md"),
              conflict ? List.of(new FileConflict(f.artifactId(), "SKILL.md", ConflictKind.CONTENT)) : List.of(),
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
    appliedIn.add(
        input.request().projectPath() + ":" + p.artifactId() + input.request().projectPaths());
    if (p.action() == PlanAction.SKIP) {
      // As the engine does: a skipped plan writes nothing.
      return new ArtifactResult(p.artifactId(), Outcome.SKIPPED, p.reason(), 0, 0, 0, p.destinationHash(), p.destinationHash());
    }
    Outcome o = p.action() == PlanAction.CONFLICT ? Outcome.CONFLICT : Outcome.UPDATED;
    return new ArtifactResult(p.artifactId(), o, null, 0, 0, 1, p.destinationHash(), p.mergedHash());
  }

  /** Resolving leaves a file marked when the strategy is auto and the id says "marked". */
  @Override
  public ResolveResult resolve(ResolveInput input) {
    String id = input.plan().artifactId();
    if (id.equals(failingResolve)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "conflicted file vanished: " + id, ErrorTypes.VALIDATION);
    }
    resolved.add(input.request().jobId() + ":" + id);
    boolean marked = id.contains("marked") && input.request().strategyFor(id) == MergeStrategy.AUTO;
    ArtifactResult r =
        new ArtifactResult(id, marked ? Outcome.CONFLICT : Outcome.UPDATED, marked ? "1 file(s) still hold conflict markers" : "took theirs", 0, 0, 1, "before", "after");
    return new ResolveResult(r, marked ? List.of("SKILL.md") : List.of());
  }

  @Override
  public PatchOutput build(PatchInput input) {
    if (patchFailure != null) {
      throw ApplicationFailure.newNonRetryableFailure(patchFailure, ErrorTypes.VALIDATION);
    }
    List<ArtifactResult> out = new ArrayList<>();
    for (String id : input.request().artifactIds()) {
      out.add(new ArtifactResult(id, Outcome.UPDATED, null, 0, 0, 1, "base", "project"));
    }
    return new PatchOutput(
        Map.of("download_url", "/api/v1/sync/patches/" + input.request().jobId(), "sha256", "00", "size_bytes", "1", "trial_apply", "clean"),
        out,
        List.of("bundle written"));
  }

  /** As {@link #build}, recording the project hashes the host's agent read. */
  @Override
  public PatchOutput buildHosted(HostedPatchInput input) {
    hostedPatches.add(
        input.request().jobId() + ":"
            + String.join(",", input.sides().stream().map(ProjectSide::projectHash).toList()));
    return build(new PatchInput(input.request()));
  }

  @Override
  public void publish(JobSnapshot snapshot) {
    if (publishFailures.getAndDecrement() > 0) {
      throw ApplicationFailure.newFailure("the job store's database cannot be reached", "CannotGetJdbcConnection");
    }
    published.add(snapshot);
  }
}
