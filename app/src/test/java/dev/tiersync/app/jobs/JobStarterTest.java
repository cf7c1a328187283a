package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

class JobStarterTest {
  private static final JobQuery ALL = new JobQuery(null, null, null, 100, 0);

  @TempDir Path dir;
  private JobServicesFixture fixture;
  private JobStarter starter;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    starter = starter(fixture.store, true);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void start_recordsAQueuedJob_andStartsItsWorkflowUnderTheJobId() {
    JobStarter.Created c = starter.start(canonical(List.of("skill:a")), null, "alice");

    assertThat(c.created()).isTrue();
    String jobId = c.job().jobId();
    assertThat(jobId).startsWith("job-");
    assertThat(c.job().state()).isEqualTo("queued");
    assertThat(c.job().traceId()).matches("[0-9a-f]{32}");
    JobRecord r = fixture.store.find(jobId).orElseThrow();
    assertThat(r.kind()).isEqualTo("sync");
    assertThat(r.direction()).isEqualTo("upstream_to_collection");
    assertThat(r.createdBy()).isEqualTo("alice");
    assertThat(r.createdAt()).isEqualTo(JobServicesFixture.T0);
    assertThat(fixture.views.request(r).jobId()).isEqualTo(jobId);
    assertThat(fixture.views.request(r).traceId()).isEqualTo(r.traceId());
    assertThat(WorkflowStatuses.of(fixture.client, jobId)).contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(fixture.meters.get("tiersync_jobs_queue_depth").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void start_sameKeyAndSameRequest_answersWithTheFirstJob() {
    JobStarter.Created first = starter.start(canonical(List.of("skill:a")), "key-1", "alice");
    JobStarter.Created again = starter.start(canonical(List.of("skill:a")), "key-1", "bob");

    assertThat(again.created()).isFalse();
    assertThat(again.job().jobId()).isEqualTo(first.job().jobId());
    assertThat(fixture.store.count(ALL)).isEqualTo(1);
    assertThat(fixture.meters.get("tiersync_jobs_queue_depth").gauge().value()).isEqualTo(1.0);
  }

  @Test
  void start_sameKeyAndDifferentRequest_isAConflictNamingTheKey() {
    starter.start(canonical(List.of("skill:a")), "key-1", "alice");

    assertThatThrownBy(() -> starter.start(canonical(List.of("skill:b")), "key-1", "alice"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
              assertThat(e.field()).isEqualTo("Idempotency-Key");
            });
    assertThat(fixture.store.count(ALL)).isEqualTo(1);
  }

  @Test
  void start_withoutKey_createsANewJobEachTime() {
    String a = starter.start(canonical(List.of("skill:a")), null, null).job().jobId();
    String b = starter.start(canonical(List.of("skill:a")), null, null).job().jobId();

    assertThat(a).isNotEqualTo(b);
    assertThat(fixture.store.count(ALL)).isEqualTo(2);
  }

  @Test
  void start_blankOrOverlongKey_isRefusedNamingTheKey() {
    for (String key : List.of("", "  ", "k".repeat(JobStarter.MAX_IDEMPOTENCY_KEY + 1))) {
      assertThatThrownBy(() -> starter.start(canonical(List.of()), key, null))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.field()).isEqualTo("Idempotency-Key");
              });
    }
    assertThat(fixture.store.count(ALL)).isZero();

    assertThat(starter.start(canonical(List.of()), "k".repeat(JobStarter.MAX_IDEMPOTENCY_KEY), null).created()).isTrue();
  }

  @Test
  void start_switchedOff_isUnavailableAndRecordsNothing() {
    JobStarter off = starter(fixture.store, false);

    assertThatThrownBy(() -> off.start(canonical(List.of()), "key-1", null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    assertThatThrownBy(off::ensureEnabled).isInstanceOf(ApiException.class);
    assertThat(fixture.store.count(ALL)).isZero();
  }

  @Test
  void start_losingARaceForANewKey_answersWithTheWinnersJob() {
    JobStarter.Created winner = starter.start(canonical(List.of("skill:a")), "key-1", "alice");
    // The loser looked the key up before the winner's record was written.
    JobStarter loser = starter(new LookupMissesOnce(fixture.store), true);

    JobStarter.Created c = loser.start(canonical(List.of("skill:a")), "key-1", "bob");

    assertThat(c.created()).isFalse();
    assertThat(c.job().jobId()).isEqualTo(winner.job().jobId());
    assertThat(fixture.store.count(ALL)).isEqualTo(1);
  }

  @Test
  void start_losingARaceForANewKey_withAnotherBody_is409_andCreatesNothing() {
    starter.start(canonical(List.of("skill:a")), "key-1", "alice");
    JobStarter loser = starter(new LookupMissesOnce(fixture.store), true);

    assertThatThrownBy(() -> loser.start(canonical(List.of("skill:b")), "key-1", "bob"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    assertThat(fixture.store.count(ALL)).isEqualTo(1);
  }

  @Test
  void start_keepsTheWholeRequest_patchBaseAndForceIncluded() {
    JobRequest patch =
        new JobRequest(
            null, JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, List.of("skill:a"), "default", "/p",
            MergeStrategy.AUTO, Map.of(), false, null, null, "zip", List.of(), List.of(), true, "upstream_head");

    JobRecord r = fixture.store.find(starter.start(patch, null, null).job().jobId()).orElseThrow();

    JobRequest stored = fixture.views.request(r);
    assertThat(stored.patchBase()).isEqualTo("upstream_head");
    assertThat(stored.force()).isTrue();
    assertThat(stored.format()).isEqualTo("zip");
  }

  private JobStarter starter(JobStore store, boolean enabled) {
    return new JobStarter(
        store, fixture.views, fixture.launcher(), fixture.properties(enabled), fixture.metrics, fixture.clock);
  }

  private static JobRequest canonical(List<String> ids) {
    return new JobRequest(
        null, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, ids, "default", null, MergeStrategy.AUTO, Map.of(),
        true, null, null, null, List.of());
  }

  /** A store whose first look-up by idempotency key misses, as when another request wins a race. */
  private static final class LookupMissesOnce implements JobStore {
    private final JobStore store;
    private boolean missed;

    LookupMissesOnce(JobStore store) {
      this.store = store;
    }

    @Override
    public Optional<JobRecord> findByIdempotencyKey(String key) {
      if (!missed) {
        missed = true;
        return Optional.empty();
      }
      return store.findByIdempotencyKey(key);
    }

    @Override
    public void insert(JobRecord job) {
      store.insert(job);
    }

    @Override
    public void update(JobRecord job) {
      store.update(job);
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
      return store.find(jobId);
    }

    @Override
    public List<JobRecord> list(JobQuery query) {
      return store.list(query);
    }

    @Override
    public long count(JobQuery query) {
      return store.count(query);
    }

    @Override
    public List<JobRecord> unfinished() {
      return store.unfinished();
    }

    @Override
    public List<String> projectPaths(String collection) {
      return store.projectPaths(collection);
    }

    @Override
    public int deleteEndedBefore(Instant cutoff) {
      return store.deleteEndedBefore(cutoff);
    }

    @Override
    public String describe() {
      return store.describe();
    }
  }
}
