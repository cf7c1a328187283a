package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.jobs.JobCalls.longRunning;
import static dev.tiersync.workflows.jobs.JobCalls.lower;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobLocks;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.jobs.PlanApplier;
import dev.tiersync.workflows.lock.LockQueued;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** See {@link SyncWorkflow}. Deterministic: all IO happens in activities. */
public class SyncWorkflowImpl implements SyncWorkflow {
  private final JobProgress progress = new JobProgress();
  private final JobLocks locks = new JobLocks(progress);
  private final FetchActivities fetch =
      Workflow.newActivityStub(FetchActivities.class, longRunning(Duration.ofMinutes(30)));
  private final MergeActivities merge =
      Workflow.newActivityStub(MergeActivities.class, longRunning(Duration.ofMinutes(30)));
  /**
   * An apply runs to its end even when the job is canceled meanwhile ({@link
   * dev.tiersync.workflows.jobs.JobCalls#uninterrupted}): the job then reports {@code canceled} only once nothing is being
   * written, the artifact is whole (old or new), and the apply's result stays in the canceled
   * job's artifacts.
   */
  private final ApplyActivities apply =
      Workflow.newActivityStub(ApplyActivities.class, longRunning(Duration.ofMinutes(10)));
  /** Routes the project's half of a sync to the project's host when it has one. */
  private final ProjectCalls project = new ProjectCalls(progress, fetch, apply);

  @Override
  public JobSnapshot run(JobRequest request) {
    progress.begin(
        "job "
            + Workflow.getInfo().getWorkflowId()
            + ": "
            + lower(request.direction())
            + (request.dryRun() ? " (dry run)" : "")
            + ", strategy "
            + lower(request.strategy()));
    if (!request.projectPaths().isEmpty()) {
      return progress.run(locks, () -> runToProjects(request));
    }
    return progress.run(locks, () -> {
      boolean resumed = !request.dryRun() && !request.plans().isEmpty();
      List<String> ids =
          request.artifactIds().isEmpty() ? project.resolveArtifacts(request) : request.artifactIds();
      JobRequest req = request.withArtifactIds(ids);
      if (!req.dryRun()) {
        locks.acquire(req);
      }
      if (resumed) {
        // Started again after a restart: apply the plan the first run recorded. Applying is
        // idempotent, and an artifact the first run already wrote keeps its planned outcome.
        progress.log("resuming from the plan recorded before the restart");
        progress.plans(request.plans());
      } else {
        progress.transition(JobState.RUNNING, "fetch", 5);
        FetchResult fetched = project.fetch(req, request.artifactIds().isEmpty());
        progress.transition(JobState.RUNNING, "merge", 35);
        List<ArtifactPlan> planned = merge.merge(new MergeInput(req, fetched.artifacts())).plans();
        progress.plans(req.cleanOnly() ? withoutConflicts(planned) : planned);
      }
      applyOrPredict(req, p -> new ApplyInput(req, p));
    });
  }

  /**
   * A collection→project sync to several projects as one job: every (artifact, project) planned,
   * the locks of all of them taken at once in one order, then each plan applied in its project.
   * Each project's part is this request with that project ({@link JobRequest#forProject}); plans
   * and results carry their project's path.
   */
  private void runToProjects(JobRequest request) {
    boolean resumed = !request.dryRun() && !request.plans().isEmpty();
    Map<String, JobRequest> parts = new LinkedHashMap<>();
    for (String path : request.projectPaths()) {
      JobRequest part = request.forProject(path);
      if (resumed) {
        part = part.resumingFrom(part.plans());
      } else if (request.artifactIds().isEmpty()) {
        part = part.withArtifactIds(project.resolveArtifacts(part));
      }
      parts.put(path, part);
    }
    if (!request.dryRun()) {
      locks.acquire(new ArrayList<>(parts.values()));
    }
    if (resumed) {
      progress.log("resuming from the plan recorded before the restart");
      progress.plans(request.plans());
    } else {
      progress.transition(JobState.RUNNING, "fetch", 5);
      Map<String, FetchResult> fetched = new LinkedHashMap<>();
      for (JobRequest part : parts.values()) {
        fetched.put(
            part.projectPath(),
            project.fetch(part, request.artifactIds().isEmpty()));
      }
      progress.transition(JobState.RUNNING, "merge", 35);
      List<ArtifactPlan> all = new ArrayList<>();
      for (JobRequest part : parts.values()) {
        List<ArtifactPlan> planned =
            merge.merge(new MergeInput(part, fetched.get(part.projectPath()).artifacts())).plans();
        for (ArtifactPlan p : request.cleanOnly() ? withoutConflicts(planned) : planned) {
          all.add(p.withProjectPath(part.projectPath()));
        }
      }
      progress.plans(all);
    }
    applyOrPredict(request, p -> new ApplyInput(parts.get(p.projectPath()), p));
  }

  /** The end every sync shares: a dry run reports its plans, else they are applied. */
  private void applyOrPredict(JobRequest req, Function<ArtifactPlan, ApplyInput> input) {
    for (ArtifactPlan p : progress.plans()) {
      progress.addConflicts(p.conflicts());
    }
    if (req.dryRun()) {
      for (ArtifactPlan p : progress.plans()) {
        progress.addResult(ArtifactResult.predicted(p));
      }
      progress.log("dry run: " + summary() + "; nothing written");
      progress.finish(
          progress.results().stream().anyMatch(r -> r.outcome() == Outcome.ERROR)
              ? JobState.ERROR
              : JobState.SUCCESS);
    } else {
      progress.transition(JobState.RUNNING, "apply", 50);
      PlanApplier.applyAll(progress, progress.plans(), p -> project.apply(input.apply(p)));
      progress.finish(progress.stateFromResults());
    }
  }

  /**
   * A clean-only sync (the drift watch's auto-update) leaves an artifact whose plan has a conflict
   * alone: it is skipped, naming the files, and nothing (no marker) is written to it.
   */
  static List<ArtifactPlan> withoutConflicts(List<ArtifactPlan> plans) {
    List<ArtifactPlan> out = new java.util.ArrayList<>();
    for (ArtifactPlan p : plans) {
      if (p.conflicts().isEmpty()) {
        out.add(p);
        continue;
      }
      List<String> paths = new java.util.ArrayList<>();
      for (var c : p.conflicts()) {
        paths.add(c.path());
      }
      out.add(
          ArtifactPlan.skipped(
              p.artifactId(), p.strategy(),
              "would conflict: " + String.join(", ", paths) + "; left for a person to sync",
              p.sourceHash(), p.destinationHash(), p.baseHash()));
    }
    return out;
  }

  private String summary() {
    int writes = 0;
    for (ArtifactPlan p : progress.plans()) {
      if (p.writes()) {
        writes++;
      }
    }
    return progress.plans().size() + " artifact(s), " + writes + " to write, "
        + progress.conflictCount() + " conflicting file(s)";
  }

  @Override
  public JobSnapshot progress() {
    return progress.snapshot();
  }

  @Override
  public void lockGranted(String lockId) {
    locks.lockGranted(lockId);
  }

  @Override
  public void lockQueued(LockQueued queued) {
    locks.lockQueued(queued);
  }
}
