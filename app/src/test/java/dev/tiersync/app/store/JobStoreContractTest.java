package dev.tiersync.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.JobQuery;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JsonlJobStore;
import dev.tiersync.app.jobs.MirroredJobStore;
import dev.tiersync.app.jobs.JdbcJobStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every SQL job store ({@link JdbcJobStore}) must do, through Spring Data JDBC and the app's
 * {@link StoreConfig}, on a real database: SQLite ({@link SqliteStoreTest}) and PostgreSQL ({@link
 * PostgresStoreTest}) run the same cases.
 */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({StoreConfig.class, DataDirectory.class})
@EnableConfigurationProperties(TiersyncProperties.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class JobStoreContractTest {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00.123Z");

  @DynamicPropertySource
  static void dataHome(DynamicPropertyRegistry registry) {
    registry.add("TIERSYNC_HOME", () -> TestDataHome.newHome().toString());
  }

  @Autowired JdbcAggregateTemplate aggregates;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  JdbcJobStore store;

  @BeforeEach
  void open() {
    store = new JdbcJobStore(aggregates, dataSource);
    jdbc.execute("DELETE FROM jobs");
  }

  /** What {@link JdbcJobStore#describe()} answers for this database. */
  abstract String expectedName();

  @Test
  void insertAndFind_roundTripsInstantsAsEpochMillis() {
    JobRecord job = job("job-1", T0, "queued", "key-1");
    store.insert(job);

    assertThat(store.find("job-1")).contains(job);
    assertThat(jdbc.queryForObject("SELECT created_at FROM jobs WHERE job_id = 'job-1'", Long.class))
        .isEqualTo(T0.toEpochMilli());
    assertThat(store.describe()).isEqualTo(expectedName());
  }

  @Test
  void open_again_keepsTheJobs() {
    store.insert(job("job-1", T0, "queued", null));

    JdbcJobStore reopened = new JdbcJobStore(aggregates, dataSource);

    assertThat(reopened.find("job-1")).isPresent();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class)).isPositive();
  }

  @Test
  void list_filtersPagesAndSortsNewestFirst() {
    for (int i = 0; i < 5; i++) {
      store.insert(job("job-" + i, T0.plus(i, ChronoUnit.MINUTES), i % 2 == 0 ? "success" : "queued", null));
    }
    assertThat(store.list(new JobQuery(null, null, null, 2, 1))).extracting(JobRecord::jobId).containsExactly("job-3", "job-2");
    assertThat(store.list(new JobQuery("success", null, null, 10, 0))).extracting(JobRecord::jobId).containsExactly("job-4", "job-2", "job-0");
    assertThat(store.count(new JobQuery("queued", "collection_to_project", "skill:x", 10, 0))).isEqualTo(2);
    assertThat(store.count(new JobQuery(null, null, "skill:other", 10, 0))).isZero();
    assertThat(store.unfinished()).extracting(JobRecord::jobId).containsExactly("job-1", "job-3");
  }

  @Test
  void insert_duplicateIdOrIdempotencyKey_isADuplicateJob() {
    store.insert(job("job-1", T0, "queued", "key"));
    assertThatThrownBy(() -> store.insert(job("job-1", T0, "queued", null))).isInstanceOf(JobStore.DuplicateJobException.class);
    assertThatThrownBy(() -> store.insert(job("job-2", T0, "queued", "key"))).isInstanceOf(JobStore.DuplicateJobException.class);
    assertThat(store.findByIdempotencyKey("key").orElseThrow().jobId()).isEqualTo("job-1");
    store.insert(job("job-3", T0, "queued", null));
    store.insert(job("job-4", T0, "queued", null));
  }

  @Test
  void deleteEndedBefore_removesOnlyOldEndedJobs() {
    store.insert(job("old", T0, "queued", null).withProgress("success", 100, "done", null, T0.plusSeconds(5), true));
    store.insert(job("new", T0, "queued", null).withProgress("success", 100, "done", null, T0.plus(40, ChronoUnit.DAYS), true));
    store.insert(job("running", T0, "running", null));

    assertThat(store.deleteEndedBefore(T0.plus(10, ChronoUnit.DAYS))).isEqualTo(1);
    assertThat(store.find("old")).isEmpty();
    assertThat(store.find("new")).isPresent();
    assertThat(store.find("running")).isPresent();
  }

  @Test
  void update_replacesTheRecord() {
    JobRecord queued = job("job-1", T0, "queued", "key-1");
    store.insert(queued);
    JobRecord ended = queued.withProgress("error", 100, "apply", "{\"e\":1}", T0.plusSeconds(9), true);

    store.update(ended);

    assertThat(store.find("job-1")).contains(ended);
    assertThat(store.findByIdempotencyKey("key-1")).contains(ended);
    assertThat(jdbc.queryForObject("SELECT ended_at FROM jobs WHERE job_id = 'job-1'", Long.class))
        .isEqualTo(T0.plusSeconds(9).toEpochMilli());
  }

  @Test
  void list_byArtifact_matchesWholeIdsOnly() {
    store.insert(withArtifacts(job("a", T0, "queued", null), "[\"skill:my_tool\"]"));
    store.insert(withArtifacts(job("b", T0.plusSeconds(1), "queued", null), "[\"skill:myXtool\",\"agent:my_tool\"]"));

    assertThat(store.list(new JobQuery(null, null, "skill:my_tool", 10, 0))).extracting(JobRecord::jobId).containsExactly("a");
    assertThat(store.count(new JobQuery(null, null, "skill:my", 10, 0))).isZero();
  }

  @Test
  void projectPaths_areTheDistinctPathsOfTheCollectionsJobs_sorted() {
    store.insert(job("a", T0, "queued", null));
    store.insert(withProject(job("b", T0, "queued", null), "default", "/work/b"));
    store.insert(withProject(job("c", T0, "queued", null), "default", "/work/b"));
    store.insert(withProject(job("d", T0, "queued", null), "other", "/work/d"));
    store.insert(withProject(job("e", T0, "queued", null), "default", null));

    assertThat(store.projectPaths("default")).containsExactly("/p", "/work/b");
    assertThat(store.projectPaths("none")).isEmpty();
  }

  @Test
  void progress_updatesTheTransitionsColumnsInOneStatement_keepingEveryOtherField() {
    JobRecord queued = job("job-1", T0, "queued", "key-1");
    store.insert(queued);
    Instant t1 = T0.plusSeconds(1);
    Instant t2 = T0.plusSeconds(2);

    JobRecord running = store.progress("job-1", new JobRecord.Progress("running", 40, "merge", "{\"s\":1}", t1)).orElseThrow();
    JobRecord ended = store.progress("job-1", new JobRecord.Progress("success", 100, "done", "{\"s\":2}", t2)).orElseThrow();

    assertThat(running).isEqualTo(queued.withProgress("running", 40, "merge", "{\"s\":1}", t1, false));
    assertThat(ended).isEqualTo(running.withProgress("success", 100, "done", "{\"s\":2}", t2, true));
    assertThat(ended.startedAt()).isEqualTo(t1);
    assertThat(ended.endedAt()).isEqualTo(t2);
    assertThat(store.find("job-1")).contains(ended);
  }

  @Test
  void progress_ofAnEndedOrMissingJob_changesNothing() {
    store.insert(job("job-1", T0, "queued", null));
    JobRecord ended = store.progress("job-1", new JobRecord.Progress("canceled", 100, "done", null, T0)).orElseThrow();

    assertThat(store.progress("job-1", new JobRecord.Progress("running", 50, "apply", "{}", T0.plusSeconds(1)))).isEmpty();
    assertThat(store.progress("job-2", new JobRecord.Progress("running", 50, "apply", "{}", T0))).isEmpty();
    assertThat(store.find("job-1")).contains(ended);
  }

  @Test
  void mirroredStore_manyJobsCreatedAndProgressedAtOnce_bothStoresAgreeOnEveryJob() throws Exception {
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    Path mirrorFile = TestDataHome.newHome().resolve("jobs.jsonl");
    MirroredJobStore mirrored = new MirroredJobStore(store, new JsonlJobStore(mirrorFile, json));
    int threads = 8;
    int jobsEach = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int j = 0; j < jobsEach; j++) {
                  String id = "job-" + thread + "-" + j;
                  mirrored.insert(job(id, T0, "queued", "key-" + id));
                  for (int pct = 10; pct < 100; pct += 30) {
                    mirrored.progress(id, new JobRecord.Progress("running", pct, "step", "{}", T0.plusSeconds(1)));
                  }
                  mirrored.progress(id, new JobRecord.Progress("success", 100, "done", "{}", T0.plusSeconds(2)));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    JsonlJobStore reopened = new JsonlJobStore(mirrorFile, json);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM jobs WHERE state = 'success' AND pct = 100", Integer.class))
        .isEqualTo(threads * jobsEach);
    for (int t = 0; t < threads; t++) {
      for (int j = 0; j < jobsEach; j++) {
        String id = "job-" + t + "-" + j;
        assertThat(reopened.find(id)).as(id).isEqualTo(store.find(id));
      }
    }
  }

  static JobRecord job(String id, Instant created, String state, String key) {
    return new JobRecord(
        id, "sync", "collection_to_project", state, 0, state, "default", "/p", "[\"skill:x\"]",
        "{}", null, "trace", key, "hash", null, created, null, null);
  }

  private static JobRecord withArtifacts(JobRecord j, String artifactIds) {
    return new JobRecord(
        j.jobId(), j.kind(), j.direction(), j.state(), j.pct(), j.phase(), j.collection(), j.projectPath(),
        artifactIds, j.requestJson(), j.snapshotJson(), j.traceId(), j.idempotencyKey(), j.requestHash(),
        j.createdBy(), j.createdAt(), j.startedAt(), j.endedAt());
  }

  private static JobRecord withProject(JobRecord j, String collection, String projectPath) {
    return new JobRecord(
        j.jobId(), j.kind(), j.direction(), j.state(), j.pct(), j.phase(), collection, projectPath,
        j.artifactIds(), j.requestJson(), j.snapshotJson(), j.traceId(), j.idempotencyKey(), j.requestHash(),
        j.createdBy(), j.createdAt(), j.startedAt(), j.endedAt());
  }
}
