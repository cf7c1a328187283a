package dev.tiersync.activities;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.resolve.ResolveActivities;
import dev.tiersync.workflows.resolve.ResolveInput;

/** The resolve activity over the engine. */
public final class ResolveActivitiesImpl implements ResolveActivities {
  private final SyncEngine engine;
  private final ScopeResolver scopes;

  public ResolveActivitiesImpl(SyncEngine engine, ScopeResolver scopes) {
    this.engine = engine;
    this.scopes = scopes;
  }

  @Override
  public ResolveResult resolve(ResolveInput input) {
    JobRequest req = input.request();
    ArtifactPlan p = input.plan();
    return JobLogContext.call(req, () -> {
      TierScope scope = scopes.resolve(req.collection(), req.projectPath());
      return KeepAlive.during(
          "resolve " + p.artifactId(),
          () -> engine.resolve(scope, req.direction(), p, req.strategyFor(p.artifactId())));
    });
  }
}
