package dev.tiersync.activities;

import dev.tiersync.engine.collection.ArtifactAdditions;
import dev.tiersync.engine.collection.ArtifactRemovals;
import dev.tiersync.engine.collection.CollectionCreator;
import dev.tiersync.engine.collection.PolicyWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.sync.ArtifactRollbacks;
import dev.tiersync.engine.sync.HostedProjects;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.RolledBack;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamRepositoryNotFoundException;
import dev.tiersync.workflows.collection.CollectionActivities;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.HostedFetchInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The collection-change activities over the engine. Planning heartbeats while it runs (an add or
 * pin fetches its upstream), and reports each artifact it plans.
 */
public final class CollectionActivitiesImpl implements CollectionActivities {
  private final CollectionCreator creator;
  private final ArtifactAdditions additions;
  private final ArtifactRemovals removals;
  private final ScopeResolver scopes;
  private final JobProgressListener progress;
  private final HostedProjects hosted;
  private final ArtifactRollbacks rollbacks;
  private final PolicyWriter policies;

  /**
   * @param hosted the halves of work on projects on hosts: an undeploy's plan from what a host
   *     read
   * @param policies sets the hold a rollback of the collection asks for, as the policy route does
   */
  public CollectionActivitiesImpl(
      CollectionCreator creator,
      ArtifactAdditions additions,
      ArtifactRemovals removals,
      ScopeResolver scopes,
      JobProgressListener progress,
      HostedProjects hosted,
      ArtifactRollbacks rollbacks,
      PolicyWriter policies) {
    this.hosted = hosted;
    this.rollbacks = rollbacks;
    this.policies = policies;
    this.creator = creator;
    this.additions = additions;
    this.removals = removals;
    this.scopes = scopes;
    this.progress = progress;
  }

  @Override
  public List<ArtifactPlan> plan(JobRequest req) {
    return JobLogContext.call(req, () -> {
      return KeepAlive.during("plan", () -> planAll(req));
    });
  }

  @Override
  public List<ArtifactPlan> planHostedUndeploy(HostedFetchInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      if (req.kind() != JobKind.UNDEPLOY) {
        throw new IllegalArgumentException("only an undeploy is planned from a host's read, not " + req.kind());
      }
      TierScope scope = scopes.resolve(req.collection(), null);
      List<ArtifactPlan> plans = new ArrayList<>();
      for (ProjectSide side : input.sides()) {
        ArtifactId id = ArtifactId.parse(side.artifactId());
        if (side.error() != null) {
          plans.add(ArtifactPlan.failed(side.artifactId(), side.error(), MergeStrategy.AUTO));
          continue;
        }
        ArtifactTree copy =
            side.projectHash() == null ? null : hosted.history().require(side.projectHash());
        plans.add(
            removals.planUndeploy(
                id, req.projectPath(), copy, side.deployedHash() != null,
                hosted.base(scope, id, side), req.force()));
      }
      return plans;
    });
  }

  private List<ArtifactPlan> planAll(JobRequest req) throws Exception {
    if (req.kind() == JobKind.CREATE_COLLECTION) {
      return List.of(creator.plan(req.collection()));
    }
    TierScope scope = scopes.resolve(req.collection(), req.projectPath());
    List<ArtifactPlan> plans = new ArrayList<>();
    int total = req.artifactIds().size();
    for (int i = 0; i < total; i++) {
      String raw = req.artifactIds().get(i);
      progress.progress(req.jobId(), "plan", i, total, raw);
      try {
        plans.add(planOne(req, scope, raw));
      } catch (UpstreamRefNotFoundException
          | UpstreamRepositoryNotFoundException
          | InvalidTierFileException e) {
        // This artifact cannot be changed (its ref or repository is gone, an entry of it breaks
        // a rule); the others still are.
        plans.add(ArtifactPlan.failed(raw, e.getMessage(), MergeStrategy.AUTO));
      }
    }
    progress.progress(req.jobId(), "plan", total, total, null);
    return plans;
  }

  private ArtifactPlan planOne(JobRequest req, TierScope scope, String raw) throws Exception {
    ArtifactId id = ArtifactId.parse(raw);
    return switch (req.kind()) {
      case ADD -> additions.planAdd(scope, change(req, raw), FetchPolicy.ALWAYS, null);
      case PIN ->
          additions.planPin(scope, id, change(req, raw).versionSpec(), FetchPolicy.ALWAYS, null);
      case REMOVE -> removals.planRemove(scope, id);
      case UNDEPLOY -> removals.planUndeploy(scope, id, req.force());
      case ROLLBACK ->
          rollbacks.plan(scope, req.destination(), id, change(req, raw).rollbackTo());
      default -> throw new IllegalArgumentException("not a collection change: " + req.kind());
    };
  }

  @Override
  public ArtifactResult apply(ApplyInput input) {
    JobRequest req = input.request();
    ArtifactPlan plan = input.plan();
    return JobLogContext.call(req, () -> {
      return KeepAlive.during(
          "apply " + plan.artifactId(),
          () -> {
            if (req.kind() == JobKind.CREATE_COLLECTION) {
              return creator.create(req.collection());
            }
            TierScope scope = scopes.resolve(req.collection(), req.projectPath());
            ArtifactId id = ArtifactId.parse(plan.artifactId());
            return switch (req.kind()) {
              case ADD -> additions.applyAdd(scope, change(req, plan.artifactId()), plan);
              case PIN ->
                  additions.applyPin(
                      scope, id, change(req, plan.artifactId()).versionSpec(), plan);
              case REMOVE -> removals.applyRemove(scope, plan);
              case UNDEPLOY -> removals.applyUndeploy(scope, plan);
              case ROLLBACK -> rollback(req, scope, id, plan);
              default -> throw new IllegalArgumentException("not a collection change: " + req.kind());
            };
          });
    });
  }

  /**
   * Applies a rollback; of the collection, with the hold it asks for, set once the version is
   * written (a retry finds the rollback done and sets the hold again).
   */
  private ArtifactResult rollback(JobRequest req, TierScope scope, ArtifactId id, ArtifactPlan plan)
      throws java.io.IOException {
    ArtifactResult r = rollbacks.apply(scope, req.destination(), plan, req.jobId());
    boolean written = r.outcome() == Outcome.UPDATED || r.outcome() == Outcome.CREATED;
    if (!written || req.destination() != Tier.COLLECTION || !change(req, plan.artifactId()).hold()) {
      return r;
    }
    String reason =
        RolledBack.summary(plan.destinationHash(), plan.mergedHash()) + " by job " + req.jobId();
    boolean held =
        policies.write(scope.collection(), id, p -> p.heldFor(reason, null)).isPresent();
    return held
        ? r
        : new ArtifactResult(
            r.artifactId(), r.outcome(),
            "not held: " + id + " is not listed in collection.toml", r.filesAdded(),
            r.filesRemoved(), r.filesModified(), r.beforeHash(), r.afterHash());
  }

  private static CollectionChange change(JobRequest req, String artifactId) {
    return req.changeFor(artifactId)
        .orElseThrow(
            () -> new IllegalArgumentException("the request names no change for " + artifactId));
  }
}
