package dev.tiersync.activities;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.collection.ArtifactRemovals;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.sync.ApplyInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A host agent's half of the syncs of its projects (docs/agents.md): reads and writes projects
 * under its own roots with its own engine and history store, and hands versions to and from the
 * server's store through {@link VersionTransfer}. Every call checks first that the job is for
 * this host and that the path is inside this agent's roots, so neither a misrouted job nor a
 * forged request can make it touch a folder its owner did not offer.
 */
public final class HostProjectActivitiesImpl implements HostProjectActivities {
  private final String hostId;
  private final SyncEngine engine;
  private final ScopeResolver projects;
  private final CollectionsRoot collections;
  private final VersionTransfer transfer;
  private final ArtifactRemovals removals;

  /**
   * @param hostId this agent's host id
   * @param engine the agent's engine over its own history store
   * @param projectRoots the agent's project roots
   * @param collectionNames a folder the collections are named under on this host; nothing is ever
   *     written there (the collection is the server's)
   * @param transfer the server's object API
   */
  public HostProjectActivitiesImpl(
      String hostId, SyncEngine engine, List<Path> projectRoots, Path collectionNames,
      VersionTransfer transfer) {
    this.hostId = hostId;
    this.engine = engine;
    this.collections = new CollectionsRoot(collectionNames);
    this.projects = new ScopeResolver(collections, projectRoots);
    this.transfer = transfer;
    this.removals =
        new ArtifactRemovals(
            engine.reader(), engine.history(), new AtomicArtifactWriter(), Clock.systemUTC());
  }

  @Override
  public List<String> artifacts(JobRequest request) {
    return call(request, () -> {
      List<String> ids = new ArrayList<>();
      for (ArtifactId id : engine.artifacts(scope(request))) {
        ids.add(id.toString());
      }
      return ids;
    });
  }

  @Override
  public List<ProjectSide> read(JobRequest request) {
    return call(request, () -> {
      TierScope scope = scope(request);
      List<ProjectSide> out = new ArrayList<>();
      int total = request.artifactIds().size();
      for (int i = 0; i < total; i++) {
        String id = request.artifactIds().get(i);
        SyncActivitiesImpl.heartbeat("read project", i, total);
        ProjectSide side;
        try {
          side = engine.hosted().read(scope, ArtifactId.parse(id));
        } catch (InvalidTierFileException e) {
          side = ProjectSide.failed(id, SyncActivitiesImpl.describe(e));
        }
        if (side.projectHash() != null) {
          transfer.upload(side.projectHash());
        }
        out.add(side);
      }
      return out;
    });
  }

  @Override
  public ArtifactResult apply(ApplyInput input) {
    return call(input.request(), () -> {
      TierScope scope = scope(input.request());
      ArtifactPlan plan = input.plan();
      SyncActivitiesImpl.heartbeat("apply", 0, 1);
      if (!plan.failed()) {
        for (String hash : new String[] {plan.mergedHash(), plan.sourceHash()}) {
          if (hash != null) {
            transfer.download(hash);
          }
        }
      }
      return engine.hosted().apply(scope, plan);
    });
  }

  @Override
  public ResolveResult resolve(ResolveInput input) {
    return call(input.request(), () -> {
      TierScope scope = scope(input.request());
      ArtifactPlan plan = input.plan();
      for (String hash : new String[] {plan.destinationHash(), plan.sourceHash(), plan.resultHash()}) {
        if (hash != null) {
          transfer.download(hash);
        }
      }
      ResolveResult result =
          KeepAlive.during(
              "resolve " + plan.artifactId(),
              () -> engine.hosted().resolve(
                  scope, plan, input.request().strategyFor(plan.artifactId())));
      if (result.result().afterHash() != null) {
        // The server records the resolved version's lineage: it must hold it.
        transfer.upload(result.result().afterHash());
      }
      return result;
    });
  }

  @Override
  public ArtifactResult undeploy(ApplyInput input) {
    return call(input.request(), () -> {
      TierScope scope = scope(input.request());
      SyncActivitiesImpl.heartbeat("undeploy", 0, 1);
      return removals.applyUndeploy(scope, input.plan());
    });
  }

  @Override
  public void recordDeployment(ApplyInput input) {
    call(input.request(), () -> {
      TierScope scope = scope(input.request());
      transfer.download(input.plan().sourceHash());
      engine.hosted().recordDeployment(scope, input.plan());
      return null;
    });
  }

  /**
   * The request's project on this host, with its collection by name only.
   *
   * @throws IllegalArgumentException for a job of another host, or a path outside this agent's
   *     roots (not retried)
   */
  private TierScope scope(JobRequest request) {
    ProjectAddress address = ProjectAddress.parse(request.projectPath());
    if (address == null || !hostId.equals(address.host())) {
      throw new IllegalArgumentException(
          "host '" + hostId + "' got a job for project '" + request.projectPath()
              + "', which is not one of its projects");
    }
    try {
      String name = request.collection() == null || request.collection().isBlank()
          ? "default" : request.collection();
      return new TierScope(collections.collection(name), projects.project(address.path()));
    } catch (IllegalArgumentException e) {
      // No cause: the job reports the message at the bottom of the chain, which must name the host.
      throw new IllegalArgumentException("host '" + hostId + "': " + e.getMessage());
    }
  }

  /** The work in the job's logging context, a failed transfer of a version naming this host. */
  private <T> T call(JobRequest request, JobLogContext.Work<T> work) {
    return JobLogContext.call(request, () -> {
      try {
        return work.call();
      } catch (VersionTransferException e) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "host '" + hostId + "': " + e.getMessage(), ErrorTypes.VERSION_TRANSFER, e);
      }
    });
  }
}
