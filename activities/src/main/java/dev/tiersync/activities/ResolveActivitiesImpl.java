package dev.tiersync.activities;

import dev.tiersync.engine.sync.ResolveResult;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.SyncPlan;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.jobs.ArtifactResult;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.Outcome;
import dev.tiersync.workflows.resolve.ResolveActivities;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.resolve.ResolveOutcome;

/** The resolve activity over the engine. */
public final class ResolveActivitiesImpl implements ResolveActivities {
  private final SyncEngine engine;
  private final ScopeResolver scopes;

  public ResolveActivitiesImpl(SyncEngine engine, ScopeResolver scopes) {
    this.engine = engine;
    this.scopes = scopes;
  }

  @Override
  public ResolveOutcome resolve(ResolveInput input) {
    JobRequest req = input.request();
    ArtifactPlan p = input.plan();
    try (JobLogContext ignored = JobLogContext.of(req)) {
      TierScope scope = scopes.resolve(req.collection(), req.projectPath());
      SyncPlan plan = PayloadMapping.plan(p, PayloadMapping.direction(req.direction()));
      ResolveResult r =
          engine.resolve(scope, plan, PayloadMapping.strategy(req.strategyFor(p.artifactId())));
      ArtifactResult result =
          new ArtifactResult(
              p.artifactId(), Outcome.valueOf(r.outcome().name()), r.reason(), 0, 0,
              r.beforeHash() != null && !r.beforeHash().equals(r.afterHash()) ? 1 : 0,
              r.beforeHash(), r.afterHash());
      return new ResolveOutcome(result, r.unresolvedFiles());
    } catch (Exception e) {
      throw ActivityErrors.wrap(e);
    }
  }
}
