package dev.tiersync.workflows.sync;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The server's half of a sync whose project is on a host (docs/agents.md): planning input from
 * the collection and what the host read, and the collection's records after the host wrote.
 * Registered on the jobs queue by the server.
 */
@ActivityInterface
public interface HostedSyncActivities {
  /**
   * Like {@link FetchActivities#fetch}, with the project's side as its host's agent read it.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code Validation} for an unknown collection
   */
  @ActivityMethod
  FetchResult fetchHosted(HostedFetchInput input);

  /**
   * After a host wrote or recorded a deploy: the collection's SkillMeat snapshot of its base and,
   * for a collection→project sync, the project's lineage in the history store. Idempotent.
   */
  @ActivityMethod
  void hostDeployed(HostDeployed input);

  /**
   * After a resolve of a project on a host: the collection's SkillMeat snapshot when the edge's
   * records moved, and for a resolve in the project its lineage. Idempotent.
   */
  @ActivityMethod
  void hostResolved(HostDeployed input);
}
