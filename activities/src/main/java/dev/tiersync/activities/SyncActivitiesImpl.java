package dev.tiersync.activities;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyActivities;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.FetchActivities;
import dev.tiersync.workflows.sync.FetchInput;
import dev.tiersync.workflows.sync.FetchResult;
import dev.tiersync.workflows.sync.HostDeployed;
import dev.tiersync.workflows.sync.HostedFetchInput;
import dev.tiersync.workflows.sync.HostedSyncActivities;
import dev.tiersync.workflows.sync.MergeActivities;
import dev.tiersync.workflows.sync.MergeInput;
import dev.tiersync.workflows.sync.MergeResult;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fetch, merge and apply activities over the engine. Each heartbeats once per artifact (and
 * during long upstream fetches), so a canceled job stops between artifacts and a worker that died
 * is noticed within the heartbeat timeout.
 */
public final class SyncActivitiesImpl
    implements FetchActivities, MergeActivities, ApplyActivities, HostedSyncActivities {
  private final SyncEngine engine;
  private final ScopeResolver scopes;
  private final JobProgressListener progress;

  public SyncActivitiesImpl(SyncEngine engine, ScopeResolver scopes, JobProgressListener progress) {
    this.engine = engine;
    this.scopes = scopes;
    this.progress = progress;
  }

  @Override
  public List<String> resolveArtifacts(JobRequest request) {
    try {
      TierScope scope = scopes.resolve(request.collection(), request.projectPath());
      Set<String> ids = new LinkedHashSet<>();
      if (request.artifactIds().isEmpty()) {
        for (ArtifactId id : engine.artifacts(scope)) {
          ids.add(id.toString());
        }
      } else {
        for (String raw : request.artifactIds()) {
          ids.add(ArtifactId.parse(raw).toString());
        }
      }
      return new ArrayList<>(ids);
    } catch (Exception e) {
      throw ActivityErrors.wrap(e);
    }
  }

  @Override
  public FetchResult fetch(FetchInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      TierScope scope = scopes.resolve(req.collection(), req.projectPath());
      return fetchEach(req, input.allArtifacts(), scope, req.artifactIds(), id -> id, (id, i, total) -> {
        FetchHeartbeats beats = new FetchHeartbeats(req, i, total);
        try {
          return engine.fetch(scope, ArtifactId.parse(id), req.direction(), FetchPolicy.ALWAYS, beats);
        } catch (IOException | RuntimeException e) {
          beats.rethrowIfEnded();
          throw e;
        }
      });
    });
  }

  @Override
  public FetchResult fetchHosted(HostedFetchInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      TierScope scope = scopes.resolve(req.collection(), null);
      return fetchEach(
          req, input.allArtifacts(), scope, input.sides(), ProjectSide::artifactId,
          (side, i, total) ->
              engine.hosted().fetch(scope, ArtifactId.parse(side.artifactId()), req.direction(), side));
    });
  }

  /** Fetches one artifact of a job's list. */
  private interface FetchOne<T> {
    FetchedArtifact fetch(T item, int index, int total) throws IOException;
  }

  /**
   * The fetch of every item of a job, heartbeating and reporting progress per artifact. An
   * artifact whose tier-file entry breaks a rule ends in error, the others sync. The tier files are
   * read once up front: one that cannot be read at all (not TOML) fails the job here, naming the
   * file and line, rather than every artifact one by one.
   */
  private <T> FetchResult fetchEach(
      JobRequest req, boolean allArtifacts, TierScope scope, List<T> items,
      java.util.function.Function<T, String> idOf, FetchOne<T> one)
      throws IOException {
    List<InvalidEntry> invalid = engine.reader().invalidEntries(scope);
    List<FetchedArtifact> out = new ArrayList<>();
    int total = items.size();
    for (int i = 0; i < total; i++) {
      T item = items.get(i);
      String id = idOf.apply(item);
      heartbeat("fetch", i, total);
      progress.progress(req.jobId(), "fetch", i, total, id);
      try {
        out.add(one.fetch(item, i, total));
      } catch (InvalidTierFileException e) {
        out.add(FetchedArtifact.failed(id, describe(e)));
      }
    }
    if (allArtifacts) {
      for (InvalidEntry e : invalid) {
        if (e.artifactId() == null) {
          out.add(FetchedArtifact.failed(entryLabel(e), e.message()));
        }
      }
    }
    progress.progress(req.jobId(), "fetch", total, total, null);
    return new FetchResult(out);
  }

  @Override
  public void hostDeployed(HostDeployed input) {
    JobRequest req = input.request();
    JobLogContext.run(req, () -> {
      engine.hosted().deployed(
          scopes.resolve(req.collection(), null), req.direction(), req.projectPath(), input.plan(),
          input.result());
    });
  }

  @Override
  public void hostResolved(HostDeployed input) {
    JobRequest req = input.request();
    JobLogContext.run(req, () -> {
      engine.hosted().resolved(
          scopes.resolve(req.collection(), null), req.direction(), req.projectPath(), input.plan(),
          req.strategyFor(input.plan().artifactId()), input.result());
    });
  }

  @Override
  public MergeResult merge(MergeInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      List<ArtifactPlan> plans = new ArrayList<>();
      // A project on a host was read there; rollbacks of such projects are not recorded.
      TierScope scope =
          scopes.resolve(
              req.collection(),
              ProjectAddress.hostOf(req.projectPath()) == null ? req.projectPath() : null);
      int total = input.artifacts().size();
      for (int i = 0; i < total; i++) {
        FetchedArtifact f = input.artifacts().get(i);
        heartbeat("merge", i, total);
        progress.progress(req.jobId(), "merge", i, total, f.artifactId());
        ArtifactPlan plan = engine.plan(req.direction(), f, req.strategyFor(f.artifactId()));
        plans.add(plan.failed() ? plan : engine.rollbacks().explain(scope, req.direction(), plan));
      }
      return new MergeResult(plans);
    });
  }

  @Override
  public ArtifactResult apply(ApplyInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      heartbeat("apply", 0, 1);
      TierScope scope = scopes.resolve(req.collection(), req.projectPath());
      return engine.apply(scope, req.direction(), input.plan());
    });
  }

  /**
   * A per-artifact tier-file problem as a job reports it: the file's name (an upstream key problem
   * has none: it is always {@code collection.toml}'s), the line when known, the key and the rule.
   */
  static String describe(InvalidTierFileException e) {
    String file = e.file() == null ? "collection.toml" : String.valueOf(e.file().getFileName());
    return file
        + (e.line() == null ? "" : ":" + e.line())
        + ": "
        + (e.field() == null ? "" : e.field() + ": ")
        + e.reason();
  }

  /** Where an entry that names no artifact is: {@code collection.toml artifacts[3]}. */
  static String entryLabel(InvalidEntry e) {
    String field = e.field() == null ? "" : e.field();
    int end = field.indexOf(']');
    String entry = end < 0 ? field : field.substring(0, end + 1);
    return (e.file() == null ? "" : e.file().getFileName() + " ") + entry;
  }

  /**
   * Reports the upstream transfer's progress and heartbeats with it. A heartbeat that ends the
   * activity (a cancel in its answer, a heartbeat timeout, a worker shutting down) would be
   * thrown inside JGit, which wraps it; so it is kept, the transfer is told to stop, and it is
   * rethrown as it came once JGit has unwound: the activity then ends canceled, not with a
   * retryable transfer error.
   */
  private final class FetchHeartbeats implements FetchProgress {
    private final JobRequest req;
    private final int index;
    private final int total;
    private ActivityCompletionException ended;

    FetchHeartbeats(JobRequest req, int index, int total) {
      this.req = req;
      this.index = index;
      this.total = total;
    }

    @Override
    public void update(String phase, int done, int of) {
      if (ended != null) {
        return;
      }
      try {
        heartbeat("fetch " + phase, index, total);
      } catch (ActivityCompletionException e) {
        ended = e;
        return;
      }
      progress.progress(req.jobId(), "fetch", index, total, phase + " " + done + "/" + of);
    }

    @Override
    public boolean isCancelled() {
      return ended != null;
    }

    void rethrowIfEnded() {
      if (ended != null) {
        throw ended;
      }
    }
  }


  /** Heartbeats when running inside an activity; a no-op when called directly (tests, tools). */
  static void heartbeat(String phase, int done, int total) {
    ActivityExecutionContext ctx;
    try {
      ctx = Activity.getExecutionContext();
    } catch (IllegalStateException | NullPointerException e) {
      return;
    }
    ctx.heartbeat(phase + " " + done + "/" + total);
  }
}
