package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.jobs.JobCalls.longRunning;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.host.HostCalls;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobFailed;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a sync's project half runs: on the server for a project there, on the project's host for
 * {@code host:path} (docs/agents.md), through {@link HostCalls} (the host's own task queue, the
 * wait for an offline host). The collection's half always runs on the server. Deterministic:
 * routing reads the request only.
 */
final class ProjectCalls {
  private final FetchActivities fetch;
  private final ApplyActivities apply;
  private final HostCalls hosts;
  private HostedSyncActivities server;

  ProjectCalls(JobProgress progress, FetchActivities fetch, ApplyActivities apply) {
    this.fetch = fetch;
    this.apply = apply;
    this.hosts = new HostCalls(progress);
  }

  /** The artifacts of a job that names none: the collection's, and those of the project. */
  List<String> resolveArtifacts(JobRequest req) {
    String host = ProjectAddress.hostOf(req.projectPath());
    if (host == null) {
      return fetch.resolveArtifacts(req);
    }
    Set<String> ids = new LinkedHashSet<>(fetch.resolveArtifacts(req.withoutProject()));
    ids.addAll(onHost(host, h -> h.artifacts(req)));
    return new ArrayList<>(ids);
  }

  /** The versions of each artifact of {@code req}, stored in the server's history store. */
  FetchResult fetch(JobRequest req, boolean allArtifacts) {
    String host = ProjectAddress.hostOf(req.projectPath());
    if (host == null || req.direction() == Direction.UPSTREAM_TO_COLLECTION) {
      return fetch.fetch(new FetchInput(req, allArtifacts));
    }
    List<ProjectSide> sides = onHost(host, h -> h.read(req));
    return server().fetchHosted(new HostedFetchInput(req, allArtifacts, sides));
  }

  /** Applies one plan where its destination is, and the records that belong to each side. */
  ArtifactResult apply(ApplyInput in) {
    JobRequest req = in.request();
    String host = ProjectAddress.hostOf(req.projectPath());
    if (host == null || req.direction() == Direction.UPSTREAM_TO_COLLECTION) {
      return apply.apply(in);
    }
    if (req.direction() == Direction.COLLECTION_TO_PROJECT) {
      ArtifactResult r = onHost(host, h -> h.apply(in));
      server().hostDeployed(new HostDeployed(req, in.plan(), r));
      return r;
    }
    ArtifactResult r = apply.apply(new ApplyInput(req.withoutProject(), in.plan()));
    if (r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.ERROR) {
      return r;
    }
    try {
      onHost(host, h -> {
        h.recordDeployment(in);
        return null;
      });
    } catch (ActivityFailure | JobFailed e) {
      // The collection holds the new version; only the project's record of its base lags, which
      // makes the next status read a local edit rather than lose anything.
      String why = e instanceof JobFailed ? e.getMessage() : JobCalls.rootMessage((ActivityFailure) e);
      return new ArtifactResult(
          r.artifactId(), r.outcome(),
          "written to the collection; the project's tracking entry was not updated: " + why,
          r.filesAdded(), r.filesRemoved(), r.filesModified(), r.beforeHash(), r.afterHash(),
          r.projectPath());
    }
    server().hostDeployed(new HostDeployed(req, in.plan(), r));
    return r;
  }

  private HostedSyncActivities server() {
    if (server == null) {
      server =
          Workflow.newActivityStub(HostedSyncActivities.class, longRunning(Duration.ofMinutes(30)));
    }
    return server;
  }

  private <T> T onHost(String host, Functions.Func1<HostProjectActivities, T> call) {
    return hosts.call(host, HostProjectActivities.class, call);
  }
}
