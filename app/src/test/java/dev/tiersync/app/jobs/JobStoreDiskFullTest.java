package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiersync.app.TinyTmpfs;
import dev.tiersync.app.api.StorageFull;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.dao.DataAccessResourceFailureException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The job store on a full disk: a write is refused whole (no line fragment that would break later
 * reads), what was stored stays readable, and writing works again once there is room. The JSONL
 * cases run on a real tiny tmpfs (skipped where it cannot be mounted); the mirror's SQLite side is
 * a stand-in that fails as sqlite-jdbc does ({@code SQLITE_FULL}).
 */
class JobStoreDiskFullTest {
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
  private TinyTmpfs disk;
  @TempDir Path tmp;

  @BeforeEach
  void mount() {
    disk = TinyTmpfs.mount("256k");
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void jsonl_diskFullHalfwayThroughALine_leavesNoFragment_andWritesAgainWhenThereIsRoom() throws Exception {
    assumeThat(disk).as("a tmpfs can be mounted here").isNotNull();
    Path file = disk.dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    store.insert(JsonlJobStoreTest.job("a", "queued", Instant.EPOCH));
    disk.fill();
    byte[] before = Files.readAllBytes(file);

    // Bigger than what is left in the file's last page: part of it fits, the rest does not.
    JobRecord big = withRequest(JsonlJobStoreTest.job("big", "queued", Instant.EPOCH), "x".repeat(64 * 1024));
    assertThatThrownBy(() -> store.insert(big))
        .isInstanceOf(UncheckedIOException.class)
        .satisfies(e -> assertThat(StorageFull.in(e)).as("recognised as disk full").isTrue());
    assertThatThrownBy(() -> store.update(withRequest(JsonlJobStoreTest.job("a", "running", Instant.EPOCH), "y".repeat(64 * 1024))))
        .satisfies(e -> assertThat(StorageFull.in(e)).isTrue());

    assertThat(Files.readAllBytes(file)).as("the file is as before the refused writes").isEqualTo(before);
    assertThat(store.find("big")).isEmpty();
    assertThat(store.find("a").orElseThrow().state()).isEqualTo("queued");
    assertThat(new JsonlJobStore(file, json).list(new JobQuery(null, null, null, 10, 0)))
        .extracting(JobRecord::jobId)
        .containsExactly("a");

    disk.free();
    store.insert(JsonlJobStoreTest.job("b", "queued", Instant.EPOCH));
    store.update(JsonlJobStoreTest.job("a", "running", Instant.EPOCH));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      json.readTree(line); // every line is a whole JSON document
    }
    JsonlJobStore reopened = new JsonlJobStore(file, json);
    assertThat(reopened.find("b")).isPresent();
    assertThat(reopened.find("a").orElseThrow().state()).isEqualTo("running");
  }

  @Test
  void mirrored_sqliteFull_insertsNothingAnywhere() throws Exception {
    Path file = tmp.resolve("jobs.jsonl");
    JsonlJobStore mirror = new JsonlJobStore(file, json);
    mirror.insert(JsonlJobStoreTest.job("a", "queued", Instant.EPOCH));
    byte[] before = Files.readAllBytes(file);
    JobStore sqlite = Mockito.mock(JobStore.class);
    Mockito.doThrow(
            new DataAccessResourceFailureException(
                "insert failed", new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL)))
        .when(sqlite)
        .insert(Mockito.any());
    MirroredJobStore store = new MirroredJobStore(sqlite, mirror);

    assertThatThrownBy(() -> store.insert(JsonlJobStoreTest.job("b", "queued", Instant.EPOCH)))
        .satisfies(e -> assertThat(StorageFull.in(e)).isTrue());

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(mirror.find("b")).isEmpty();
    assertThat(new JsonlJobStore(file, json).find("b")).isEmpty();
  }

  @Test
  void mirrored_sqliteLocked_keepsTheJobInTheMirror_duplicateTakesItBack() {
    JsonlJobStore mirror = new JsonlJobStore(tmp.resolve("jobs.jsonl"), json);
    JobStore sqlite = Mockito.mock(JobStore.class);
    Mockito.doThrow(new DataAccessResourceFailureException("database is locked"))
        .when(sqlite)
        .insert(Mockito.argThat(j -> j.jobId().equals("locked")));
    Mockito.doThrow(new JobStore.DuplicateJobException("idempotency key already used"))
        .when(sqlite)
        .insert(Mockito.argThat(j -> j.jobId().equals("dup")));
    MirroredJobStore store = new MirroredJobStore(sqlite, mirror);

    store.insert(JsonlJobStoreTest.job("locked", "queued", Instant.EPOCH));
    assertThatThrownBy(() -> store.insert(JsonlJobStoreTest.job("dup", "queued", Instant.EPOCH)))
        .isInstanceOf(JobStore.DuplicateJobException.class);

    assertThat(new JsonlJobStore(tmp.resolve("jobs.jsonl"), json).list(new JobQuery(null, null, null, 10, 0)))
        .extracting(JobRecord::jobId)
        .containsExactly("locked");
  }

  private static JobRecord withRequest(JobRecord r, String filler) {
    return new JobRecord(
        r.jobId(), r.kind(), r.direction(), r.state(), r.pct(), r.phase(), r.collection(), r.projectPath(),
        r.artifactIds(), "{\"filler\":\"" + filler + "\"}", r.snapshotJson(), r.traceId(), r.idempotencyKey(),
        r.requestHash(), r.createdBy(), r.createdAt(), r.startedAt(), r.endedAt());
  }
}
