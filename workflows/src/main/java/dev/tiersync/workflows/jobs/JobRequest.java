package dev.tiersync.workflows.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Tier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input of every job workflow. Carries names and paths only, never file contents.
 *
 * @param jobId also the workflow id
 * @param artifactIds {@code type:name} ids; empty means every artifact of the collection
 * @param strategies per-artifact strategy overriding {@code strategy} (resolve jobs)
 * @param sourceJobId the conflicted job a resolve job settles, if any
 * @param format the patch bundle format ({@code tar.gz} or {@code zip}) for patch jobs
 * @param plans for a resolve job: the conflicted sync's plan of each artifact (its hashes name
 *     the stored "ours" and "theirs" versions); for a sync job started again after a restart of
 *     the embedded server: the plan the first run recorded, which the new run applies instead of
 *     planning again (so what the first run wrote is reported as written, not as unchanged)
 * @param changes for add and pin jobs: per artifact, its upstream and the ref it follows; for a
 *     rollback job: the version it writes back (and whether to hold it)
 * @param force for an undeploy job: also take out a project copy that has local edits
 * @param patchBase for a patch job: {@code local_changes} (the project's changes since its merge
 *     base, rebased on the upstream head) or {@code upstream_head} (the project against the
 *     upstream head); null means {@code local_changes}
 * @param cleanOnly for a sync: an artifact whose plan has a conflict is skipped (nothing written,
 *     no markers) instead of merged with markers; the drift watch's auto-updates set it
 * @param projectPaths for a collection→project sync to several projects at once (the fleet's "sync
 *     to these projects"): every project it writes, {@code projectPath} then null; empty otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobRequest(
    String jobId,
    JobKind kind,
    Direction direction,
    List<String> artifactIds,
    String collection,
    String projectPath,
    MergeStrategy strategy,
    Map<String, MergeStrategy> strategies,
    boolean dryRun,
    String traceId,
    String sourceJobId,
    String format,
    List<ArtifactPlan> plans,
    List<CollectionChange> changes,
    boolean force,
    String patchBase,
    boolean cleanOnly,
    List<String> projectPaths) {

  /** A request that is neither clean-only nor to several projects. */
  public JobRequest(
      String jobId,
      JobKind kind,
      Direction direction,
      List<String> artifactIds,
      String collection,
      String projectPath,
      MergeStrategy strategy,
      Map<String, MergeStrategy> strategies,
      boolean dryRun,
      String traceId,
      String sourceJobId,
      String format,
      List<ArtifactPlan> plans,
      List<CollectionChange> changes,
      boolean force,
      String patchBase) {
    this(
        jobId, kind, direction, artifactIds, collection, projectPath, strategy, strategies, dryRun,
        traceId, sourceJobId, format, plans, changes, force, patchBase, false, List.of());
  }

  /** A request without collection changes, force or patch base (syncs, resolves). */
  public JobRequest(
      String jobId,
      JobKind kind,
      Direction direction,
      List<String> artifactIds,
      String collection,
      String projectPath,
      MergeStrategy strategy,
      Map<String, MergeStrategy> strategies,
      boolean dryRun,
      String traceId,
      String sourceJobId,
      String format,
      List<ArtifactPlan> plans) {
    this(
        jobId, kind, direction, artifactIds, collection, projectPath, strategy, strategies, dryRun,
        traceId, sourceJobId, format, plans, List.of(), false, null, false, List.of());
  }

  public JobRequest {
    changes = changes == null ? List.of() : List.copyOf(changes);
    projectPaths = projectPaths == null ? List.of() : List.copyOf(projectPaths);
    plans = plans == null ? List.of() : List.copyOf(plans);
    artifactIds = artifactIds == null ? List.of() : List.copyOf(artifactIds);
    strategies = strategies == null ? Map.of() : Map.copyOf(strategies);
    strategy = strategy == null ? MergeStrategy.AUTO : strategy;
  }

  /** The strategy for one artifact: its own if given, else the job's. */
  public MergeStrategy strategyFor(String artifactId) {
    return strategies.getOrDefault(artifactId, strategy);
  }

  /**
   * A copy that resumes a sync from the plans its first run recorded, for the artifacts those
   * plans name.
   */
  public JobRequest resumingFrom(List<ArtifactPlan> recorded) {
    // A job to several projects records one plan per (artifact, project): each id once.
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (ArtifactPlan p : recorded) {
      if (!p.failed()) {
        // A failed plan (a bad tier-file entry) is reported again, never locked or applied.
        ids.add(p.artifactId());
      }
    }
    return new JobRequest(
        jobId, kind, direction, List.copyOf(ids), collection, projectPath, strategy, strategies,
        dryRun, traceId, sourceJobId, format, recorded, changes, force, patchBase, cleanOnly,
        projectPaths);
  }

  /** This request as a started job: with its job id and trace id. */
  public JobRequest started(String id, String trace) {
    return new JobRequest(
        id, kind, direction, artifactIds, collection, projectPath, strategy, strategies, dryRun,
        trace, sourceJobId, format, plans, changes, force, patchBase, cleanOnly, projectPaths);
  }

  /** A copy naming an explicit artifact list. */
  public JobRequest withArtifactIds(List<String> ids) {
    return new JobRequest(
        jobId, kind, direction, ids, collection, projectPath, strategy, strategies, dryRun, traceId,
        sourceJobId, format, plans, changes, force, patchBase, cleanOnly, projectPaths);
  }

  /**
   * The part of a job to several projects that writes project {@code path}: this request with that
   * {@code projectPath}, no {@code projectPaths}, and the plans recorded for that project.
   */
  public JobRequest forProject(String path) {
    List<ArtifactPlan> own = new java.util.ArrayList<>();
    for (ArtifactPlan p : plans) {
      if (path.equals(p.projectPath())) {
        own.add(p);
      }
    }
    return new JobRequest(
        jobId, kind, direction, artifactIds, collection, path, strategy, strategies, dryRun,
        traceId, sourceJobId, format, own, changes, force, patchBase, cleanOnly, List.of());
  }

  /**
   * This request without its project: the server's half of a sync whose project is on a host
   * (the server resolves the collection only).
   */
  public JobRequest withoutProject() {
    return new JobRequest(
        jobId, kind, direction, artifactIds, collection, null, strategy, strategies, dryRun,
        traceId, sourceJobId, format, plans, changes, force, patchBase, cleanOnly, projectPaths);
  }

  /**
   * The tier whose artifacts the job writes, and locks: the direction's destination, the
   * collection for a remove; null for a job that writes no artifact (a new collection).
   */
  public Tier destination() {
    if (kind == JobKind.REMOVE) {
      return Tier.COLLECTION;
    }
    return direction == null ? null : direction.destination();
  }

  /** The change this request makes to one artifact (add and pin jobs), if it names one. */
  public Optional<CollectionChange> changeFor(String artifactId) {
    return changes.stream().filter(c -> c.artifactId().equals(artifactId)).findFirst();
  }
}
