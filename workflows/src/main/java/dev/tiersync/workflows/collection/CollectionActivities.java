package dev.tiersync.workflows.collection;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.HostedFetchInput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** The IO of a {@link CollectionWorkflow}. */
@ActivityInterface
public interface CollectionActivities {
  /**
   * Plans the job's change for each artifact it names (for a new collection: one plan named
   * {@code collection:<name>}), writing nothing to any tier. An artifact the change cannot be made
   * to gets a failed plan saying why.
   */
  @ActivityMethod(name = "PlanCollectionChange")
  List<ArtifactPlan> plan(JobRequest request);

  /**
   * Plans an undeploy from a project on a host, from the project's sides its agent read ({@code
   * input.sides()}): the same plans {@link #plan} makes for a project on the server.
   */
  @ActivityMethod(name = "PlanHostedUndeploy")
  List<ArtifactPlan> planHostedUndeploy(HostedFetchInput input);

  /**
   * Applies one artifact's plan. Idempotent: a retry finds the change made and reports it; a tier
   * that changed since the plan is left alone and reported as skipped.
   */
  @ActivityMethod(name = "ApplyCollectionChange")
  ArtifactResult apply(ApplyInput input);
}
