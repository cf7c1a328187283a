package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiersync.app.config.TiersyncProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

class JobStoresTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
  private final Supplier<JobStore> unopenable =
      () -> {
        throw new DataAccessResourceFailureException("unable to open database file");
      };

  @Test
  void defaultMode_withUnopenableSqlite_runsOnJsonlAlone_andKeepsEveryTransition() {
    JobStore store = JobStores.create(TiersyncProperties.JobStore.SQLITE_FALLBACK_JSONL, unopenable, dir.resolve("jobs.jsonl"), json);

    assertThat(store.describe()).isEqualTo("jsonl");
    store.insert(JsonlJobStoreTest.job("a", "queued", Instant.EPOCH));
    store.update(JsonlJobStoreTest.job("a", "running", Instant.EPOCH));
    assertThat(Files.exists(dir.resolve("jobs.jsonl"))).isTrue();
    assertThat(new JsonlJobStore(dir.resolve("jobs.jsonl"), json).find("a").orElseThrow().state()).isEqualTo("running");
  }

  @Test
  void sqliteMode_doesNotHideAnUnopenableFile() {
    assertThatThrownBy(() -> JobStores.create(TiersyncProperties.JobStore.SQLITE, unopenable, dir.resolve("jobs.jsonl"), json))
        .isInstanceOf(DataAccessResourceFailureException.class);
  }

  @Test
  void postgresMode_withUnreachableDatabase_failsStartNamingTheSetting_withoutAFallbackFile() {
    Path mirror = JobStores.jsonlFile(dir, TiersyncProperties.JobStore.POSTGRES, "node-a");

    assertThatThrownBy(() -> JobStores.create(TiersyncProperties.JobStore.POSTGRES, unopenable, mirror, json))
        .isInstanceOf(JobStores.JobStoreUnavailableException.class)
        .hasMessage(
            "cannot open the PostgreSQL job store (SYNC_JOB_STORE=postgres, SYNC_DB_URL): unable to open database file");
    assertThat(Files.exists(mirror)).isFalse();
  }

  @Test
  void jsonlFile_isPerInstanceInPostgresMode_only() {
    assertThat(JobStores.jsonlFile(dir, TiersyncProperties.JobStore.POSTGRES, "node-a")).isEqualTo(dir.resolve("jobs-node-a.jsonl"));
    assertThat(JobStores.jsonlFile(dir, TiersyncProperties.JobStore.SQLITE_FALLBACK_JSONL, "node-a")).isEqualTo(dir.resolve("jobs.jsonl"));
    assertThat(JobStores.jsonlFile(dir, TiersyncProperties.JobStore.JSONL, "node-a")).isEqualTo(dir.resolve("jobs.jsonl"));
  }

  @Test
  void jsonlMode_usesTheFileOnly() throws Exception {
    AtomicBoolean sqliteOpened = new AtomicBoolean();
    Supplier<JobStore> sqlite =
        () -> {
          sqliteOpened.set(true);
          throw new AssertionError("JSONL mode must not open the SQLite store");
        };
    Path file = dir.resolve("jobs.jsonl");

    JobStore store = JobStores.create(TiersyncProperties.JobStore.JSONL, sqlite, file, json);
    store.insert(JsonlJobStoreTest.job("a", "queued", Instant.EPOCH));
    store.update(JsonlJobStoreTest.job("a", "running", Instant.EPOCH));

    assertThat(store.describe()).isEqualTo("jsonl");
    assertThat(sqliteOpened).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jobs.jsonl");
    }
    assertThat(new JsonlJobStore(file, json).find("a").orElseThrow().state()).isEqualTo("running");
  }

  @Test
  void mirroredStore_answersFromTheMirrorWhenSqliteFailsLater() {
    JsonlJobStore mirror = new JsonlJobStore(dir.resolve("jobs.jsonl"), json);
    JobStore failing = org.mockito.Mockito.mock(JobStore.class);
    org.mockito.Mockito.when(failing.find("b")).thenThrow(new DataAccessResourceFailureException("database is locked"));
    MirroredJobStore store = new MirroredJobStore(failing, mirror);
    store.insert(JsonlJobStoreTest.job("b", "queued", Instant.EPOCH));

    assertThat(store.find("b")).isPresent();
  }

  @Test
  void mirroredStore_progress_fallsBackToTheMirrorWhenSqliteFails() {
    JsonlJobStore mirror = new JsonlJobStore(dir.resolve("jobs.jsonl"), json);
    JobStore failing = org.mockito.Mockito.mock(JobStore.class);
    JobRecord.Progress running = new JobRecord.Progress("running", 40, "merge", "{}", Instant.EPOCH.plusSeconds(1));
    org.mockito.Mockito.when(failing.progress("b", running)).thenThrow(new DataAccessResourceFailureException("database is locked"));
    MirroredJobStore store = new MirroredJobStore(failing, mirror);
    JobRecord queued = JsonlJobStoreTest.job("b", "queued", Instant.EPOCH);
    store.insert(queued);

    JobRecord next = store.progress("b", running).orElseThrow();

    assertThat(next).isEqualTo(queued.withProgress("running", 40, "merge", "{}", Instant.EPOCH.plusSeconds(1), false));
    assertThat(new JsonlJobStore(dir.resolve("jobs.jsonl"), json).find("b")).contains(next);
  }

  @Test
  void mirroredStore_progress_appendsTheWholeRecordSqliteReturnsToTheMirror() {
    JsonlJobStore mirror = new JsonlJobStore(dir.resolve("jobs.jsonl"), json);
    JobStore sqlite = org.mockito.Mockito.mock(JobStore.class);
    JobRecord.Progress running = new JobRecord.Progress("running", 40, "merge", "{}", Instant.EPOCH.plusSeconds(1));
    JobRecord queued = JsonlJobStoreTest.job("c", "queued", Instant.EPOCH);
    JobRecord after = queued.withProgress("running", 40, "merge", "{}", Instant.EPOCH.plusSeconds(1), false);
    org.mockito.Mockito.when(sqlite.progress("c", running)).thenReturn(java.util.Optional.of(after));
    MirroredJobStore store = new MirroredJobStore(sqlite, mirror);
    store.insert(queued);

    assertThat(store.progress("c", running)).contains(after);
    assertThat(new JsonlJobStore(dir.resolve("jobs.jsonl"), json).find("c")).contains(after);
  }
}
