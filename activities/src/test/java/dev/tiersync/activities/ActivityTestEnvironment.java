package dev.tiersync.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.patch.LocalVersionsReader;
import dev.tiersync.engine.patch.PatchBundleBuilder;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.TestEngine;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyActivities;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.sync.FetchActivities;
import dev.tiersync.workflows.sync.FetchInput;
import dev.tiersync.workflows.sync.FetchResult;
import dev.tiersync.workflows.sync.MergeActivities;
import dev.tiersync.workflows.sync.MergeInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Temporal's {@link TestActivityEnvironment} running the real activity implementations over real
 * tiers on disk ({@link Tiers}: a {@code file://} bare upstream, the default collection and
 * project, the engine's data dir). It records every heartbeat that reaches the server and every
 * progress report, and makes the job requests.
 */
final class ActivityTestEnvironment implements AutoCloseable {
  /**
   * The heartbeat timeout of every call. The SDK sends the first heartbeat of an activity at once
   * and holds later ones back for 80% of this; kept short so that tests wait little for theirs.
   */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(250);

  final Tiers tiers;
  final Path patchesDir;
  /** The details of each heartbeat the server received, in order. */
  final List<String> heartbeats = new CopyOnWriteArrayList<>();
  /** Each progress report, as {@code phase done/total detail}. */
  final List<String> progress = new CopyOnWriteArrayList<>();

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final AtomicInteger jobs = new AtomicInteger();
  private volatile Consumer<String> eachStep;

  ActivityTestEnvironment(Path root) throws Exception {
    tiers = Tiers.create(root);
    patchesDir = root.resolve("data/patches");
    TestEngine engine = tiers.engine();
    ScopeResolver scopes = tiers.scopes();
    Clock fixed = Clock.fixed(Instant.parse("2026-11-05T10:15:30Z"), ZoneOffset.UTC);
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    env.registerActivitiesImplementations(
        new SyncActivitiesImpl(engine.syncEngine(), scopes, this::reportProgress),
        new ResolveActivitiesImpl(engine.syncEngine(), scopes),
        new PatchActivitiesImpl(
            engine.syncEngine(),
            scopes,
            new PatchBundleBuilder(engine.upstreams(), fixed),
            new LocalVersionsReader(engine.syncEngine().reader(), engine.history()),
            patchesDir));
  }

  /** Registers further activity implementations, e.g. an in-process host agent's. */
  void register(Object... implementations) {
    env.registerActivitiesImplementations(implementations);
  }

  /** A stub calling the activities of {@code activities} once each (no retries). */
  <T> T stub(Class<T> activities) {
    return env.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  /** From now on every progress report runs {@code action} before the activity goes on. */
  void onEachStep(Consumer<String> action) {
    eachStep = action;
  }

  /**
   * Takes longer than the SDK holds a heartbeat back: called from a step, it lets the activity's
   * next heartbeat go out at once (and a cancel requested meanwhile come back in its answer).
   */
  static void outlastHeartbeatThrottle() {
    try {
      Thread.sleep(HEARTBEAT_TIMEOUT.multipliedBy(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Cancels the running (or next) activity: the server says so in its next heartbeat answer. */
  void requestCancel() {
    env.requestCancelActivity();
  }

  /** The default project as the scope resolver names it (its real path). */
  String projectPath() {
    try {
      return tiers.project().dir().toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sync job of the default collection and project over these artifacts. */
  JobRequest sync(Direction direction, String... artifactIds) {
    return request(
        JobKind.SYNC, direction, MergeStrategy.AUTO, projectPath(), List.of(artifactIds));
  }

  /** A resolve job of one artifact with {@code strategy}. */
  JobRequest resolve(Direction direction, MergeStrategy strategy, String artifactId) {
    return request(JobKind.RESOLVE, direction, strategy, projectPath(), List.of(artifactId));
  }

  /** A patch job of the default project's copies of these artifacts, as a tar.gz bundle. */
  JobRequest patch(String projectPath, String... artifactIds) {
    return request(
        JobKind.PATCH,
        Direction.PROJECT_TO_UPSTREAM,
        MergeStrategy.AUTO,
        projectPath,
        List.of(artifactIds));
  }

  /** {@code r} with the patch base {@code base} ({@code local_changes}, {@code upstream_head}). */
  static JobRequest withBase(JobRequest r, String base) {
    return new JobRequest(
        r.jobId(), r.kind(), r.direction(), r.artifactIds(), r.collection(), r.projectPath(), r.strategy(),
        r.strategies(), r.dryRun(), r.traceId(), r.sourceJobId(), r.format(), r.plans(), r.changes(), r.force(),
        base);
  }

  /** A sync job naming {@code projectPath}, e.g. one outside the allowed roots. */
  JobRequest syncIn(String projectPath, Direction direction, String... artifactIds) {
    return request(JobKind.SYNC, direction, MergeStrategy.AUTO, projectPath, List.of(artifactIds));
  }

  /** Lists a skill kept only in the collection and writes its SKILL.md there. */
  void localSkill(String id, String skillMd) throws IOException {
    tiers.collection().list(ManifestEntry.local(id));
    tiers.collection().write(ArtifactId.parse(id), "SKILL.md", skillMd);
  }

  /** Fetch and merge of a sync job: the plan of each artifact. */
  List<ArtifactPlan> plan(JobRequest request) {
    FetchResult fetched = stub(FetchActivities.class).fetch(new FetchInput(request));
    return stub(MergeActivities.class).merge(new MergeInput(request, fetched.artifacts())).plans();
  }

  /** Fetch, merge and apply of every artifact, as a sync job runs them. */
  List<ArtifactResult> runSync(JobRequest request) {
    ApplyActivities apply = stub(ApplyActivities.class);
    List<ArtifactResult> results = new ArrayList<>();
    for (ArtifactPlan p : plan(request)) {
      results.add(apply.apply(new ApplyInput(request, p)));
    }
    return results;
  }

  /** The call fails with a non-retryable application failure of {@code type}. */
  static void assertPermanent(ThrowingCallable call, String type) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ActivityFailure.class,
            f ->
                assertThat(f.getCause())
                    .isInstanceOfSatisfying(
                        ApplicationFailure.class,
                        a -> {
                          assertThat(a.getType()).isEqualTo(type);
                          assertThat(a.isNonRetryable()).as("not retried").isTrue();
                        }));
  }

  private JobRequest request(
      JobKind kind,
      Direction direction,
      MergeStrategy strategy,
      String projectPath,
      List<String> ids) {
    return new JobRequest(
        "job-" + jobs.incrementAndGet(), kind, direction, ids, Tiers.DEFAULT_COLLECTION,
        projectPath, strategy, Map.of(), false, "trace-1", null, "tar.gz", List.of());
  }

  private void reportProgress(String jobId, String phase, int done, int total, String detail) {
    String step = phase + " " + done + "/" + total + (detail == null ? "" : " " + detail);
    progress.add(step);
    Consumer<String> action = eachStep;
    if (action != null) {
      action.accept(step);
    }
  }

  @Override
  public void close() {
    env.close();
    tiers.close();
  }
}
