package dev.tiersync.app.resolve;

import dev.tiersync.app.jobs.JobQuery;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobViews;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Finds, for a resolve by {@code artifact_ids} + {@code direction}, the sync whose conflict is
 * still the artifact's current state in the destination tier.
 *
 * <p>Jobs are read newest first. Only applied syncs that wrote, or tried to write, the same copy
 * of the artifact count: those whose destination is the same tier (the collection of that name, or
 * the project at that path) and whose artifacts include it, explicitly or because the sync named
 * none (every artifact of the collection). The first of them whose result for the artifact is
 * decisive answers:
 *
 * <ul>
 *   <li>{@code conflict} in the requested direction and scope: that sync's plan holds the "ours"
 *       and "theirs" versions to resolve with;
 *   <li>{@code created}, {@code updated} or {@code merged}, or a conflict from the other direction
 *       into the same tier: the copy the older conflict left was replaced, so that conflict is
 *       settled and resolving it now would bring back stale versions.
 * </ul>
 *
 * Dry runs, and results that wrote nothing ({@code unchanged}, {@code skipped}, {@code error}, or
 * none yet), are passed over: the conflict's markers are still there. Resolve jobs are passed over
 * as well, so a resolve can be repeated with another strategy, as with {@code job_id}.
 */
@Component
class ConflictedSyncs {
  private static final int PAGE = 200;

  private final JobStore store;
  private final JobViews views;

  ConflictedSyncs(JobStore store, JobViews views) {
    this.store = store;
    this.views = views;
  }

  /** What the job store says about the artifact's conflict. */
  sealed interface Found permits Conflicted, Settled, NotFound {}

  /** The conflicted sync and its plan of the artifact. */
  record Conflicted(String jobId, ArtifactPlan plan) implements Found {}

  /** A newer sync replaced the copy the conflict left: {@code outcome} in job {@code jobId}. */
  record Settled(String jobId, Direction direction, Outcome outcome) implements Found {}

  /** No applied sync of the artifact into that tier is recorded. */
  record NotFound() implements Found {}

  /**
   * @param projectPath the canonical project path, or null for upstream→collection (where the
   *     project plays no part)
   */
  Found find(String artifactId, Direction direction, String collection, String projectPath) {
    for (int offset = 0; ; offset += PAGE) {
      List<JobRecord> page = store.list(new JobQuery(null, null, null, PAGE, offset));
      for (JobRecord r : page) {
        Found found = examine(r, artifactId, direction, collection, projectPath);
        if (found != null) {
          return found;
        }
      }
      if (page.size() < PAGE) {
        return new NotFound();
      }
    }
  }

  /** The answer job {@code r} gives, or null when it says nothing about the artifact's copy. */
  private Found examine(
      JobRecord r, String artifactId, Direction direction, String collection, String projectPath) {
    if (!"sync".equals(r.kind()) || r.direction() == null) {
      return null;
    }
    Direction d = Direction.fromLabel(r.direction()).orElse(null);
    if (d == null || d.exportsPatch() || !sameDestination(r, d, direction, collection, projectPath)) {
      return null;
    }
    // A sync that named no artifacts covered every artifact of the collection.
    JobRequest req = views.request(r);
    if (req == null || req.dryRun() || !(req.artifactIds().isEmpty() || req.artifactIds().contains(artifactId))) {
      return null;
    }
    JobSnapshot snapshot = views.snapshot(r);
    if (snapshot == null) {
      return null;
    }
    ArtifactResult result =
        snapshot.artifacts().stream().filter(a -> artifactId.equals(a.artifactId())).findFirst().orElse(null);
    ArtifactPlan plan =
        snapshot.plans().stream().filter(p -> artifactId.equals(p.artifactId())).findFirst().orElse(null);
    if (result == null || result.outcome() == null) {
      return null;
    }
    switch (result.outcome()) {
      case CREATED, UPDATED, MERGED -> {
        return new Settled(r.jobId(), d, result.outcome());
      }
      case CONFLICT -> {
        boolean sameScope =
            d == direction
                && Objects.equals(r.collection(), collection)
                && (!direction.needsProject() || Objects.equals(r.projectPath(), projectPath));
        if (!sameScope) {
          return new Settled(r.jobId(), d, result.outcome());
        }
        return plan != null && plan.action() == PlanAction.CONFLICT ? new Conflicted(r.jobId(), plan) : null;
      }
      default -> {
        return null;
      }
    }
  }

  /**
   * Whether a sync in direction {@code d} writes the copy of the artifact the requested direction
   * resolves: the same collection for upstream→collection and project→collection, the same project
   * for collection→project.
   */
  private static boolean sameDestination(
      JobRecord r, Direction d, Direction direction, String collection, String projectPath) {
    if (d.destination() != direction.destination()) {
      return false;
    }
    return direction == Direction.COLLECTION_TO_PROJECT
        ? Objects.equals(r.projectPath(), projectPath)
        : Objects.equals(r.collection(), collection);
  }
}
