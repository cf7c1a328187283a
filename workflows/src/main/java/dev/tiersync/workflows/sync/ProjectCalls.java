package dev.tiersync.workflows.sync;

import static dev.tiersync.workflows.jobs.JobCalls.longRunning;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.host.HostActivities;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobFailed;
import dev.tiersync.workflows.jobs.JobProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a sync's project half runs: on the server for a project there, on the project's host for
 * {@code host:path} (docs/agents.md), through that host's own task queue. The collection's half
 * always runs on the server. Deterministic: routing reads the request only, the wait for a host
 * comes from the workflow's memo ({@link JobCalls#HOST_WAIT_MEMO}).
 *
 * <p>A host whose agent is offline: the first call to it is preceded by a short probe; when the
 * probe is not picked up, the job says it waits for the host ({@code waiting_reason}) and waits up
 * to the host wait; when the host never picks the work up, the job ends in {@code error} naming
 * the host (a ScheduleToStart timeout, which Temporal never retries), and its locks are released.
 */
final class ProjectCalls {
  /** Without a memo (tests, jobs started before the setting existed). */
  static final Duration DEFAULT_HOST_WAIT = Duration.ofMinutes(10);
  /** How long the probe of a host waits to be picked up before the job says it is waiting. */
  static final Duration PROBE = Duration.ofSeconds(5);

  private final JobProgress progress;
  private final FetchActivities fetch;
  private final ApplyActivities apply;
  private final Map<String, HostProjectActivities> hosts = new HashMap<>();
  private final Set<String> probed = new HashSet<>();
  private HostedSyncActivities server;

  ProjectCalls(JobProgress progress, FetchActivities fetch, ApplyActivities apply) {
    this.progress = progress;
    this.fetch = fetch;
    this.apply = apply;
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

  /**
   * Calls the agent of {@code host}. A call nobody picks up within the host wait ends the job with
   * that reason; any other failure is the caller's, as for the server's activities.
   */
  private <T> T onHost(String host, Functions.Func1<HostProjectActivities, T> call) {
    boolean waiting = probe(host);
    try {
      T out = call.apply(hosts.computeIfAbsent(host, this::stub));
      if (waiting) {
        progress.waited();
        progress.log("host '" + host + "' picked the job up");
        progress.publish();
      }
      return out;
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof TimeoutFailure t
          && t.getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
        throw new JobFailed(
            "host '%s' did not pick the job up within %s: its agent is offline (nothing polled task queue '%s')"
                .formatted(host, human(hostWait()), TaskQueues.host(host)));
      }
      throw e;
    }
  }

  /** Asks the host once per job whether its agent is there; says the job waits when it is not. */
  private boolean probe(String host) {
    if (!probed.add(host)) {
      return false;
    }
    HostActivities probe =
        Workflow.newActivityStub(
            HostActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.host(host))
                .setScheduleToStartTimeout(PROBE)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    try {
      probe.describe();
      return false;
    } catch (ActivityFailure e) {
      if (!(e.getCause() instanceof TimeoutFailure)) {
        throw e;
      }
      progress.waiting(
          "waiting for host '%s': its agent did not answer within %d s; the job waits up to %s for it"
              .formatted(host, PROBE.toSeconds(), human(hostWait())));
      return true;
    }
  }

  private HostProjectActivities stub(String host) {
    ActivityOptions options =
        ActivityOptions.newBuilder(longRunning(Duration.ofMinutes(30)))
            .setTaskQueue(TaskQueues.host(host))
            .setScheduleToStartTimeout(hostWait())
            .build();
    return Workflow.newActivityStub(HostProjectActivities.class, options);
  }

  private static Duration hostWait() {
    Long seconds = Workflow.getMemo(JobCalls.HOST_WAIT_MEMO, Long.class, Long.class);
    return seconds == null || seconds <= 0 ? DEFAULT_HOST_WAIT : Duration.ofSeconds(seconds);
  }

  private static String human(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? (s / 60) + " min" : s + " s";
  }
}
