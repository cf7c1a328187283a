package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlJobStoreTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

  @Test
  void reopen_seesTheLatestStateOfEveryJob() {
    Path file = dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    store.insert(job("a", "queued", Instant.parse("2026-11-01T00:00:00Z")));
    store.update(job("a", "running", Instant.parse("2026-11-01T00:00:00Z")));
    store.insert(job("b", "queued", Instant.parse("2026-11-02T00:00:00Z")));

    JsonlJobStore reopened = new JsonlJobStore(file, json);

    assertThat(reopened.find("a").orElseThrow().state()).isEqualTo("running");
    assertThat(reopened.unfinished()).extracting(JobRecord::jobId).containsExactly("a", "b");
    assertThat(reopened.list(new JobQuery(null, null, null, 10, 0))).extracting(JobRecord::jobId).containsExactly("b", "a");
  }

  @Test
  void insert_rejectsDuplicateIdsAndIdempotencyKeys() {
    JsonlJobStore store = new JsonlJobStore(dir.resolve("jobs.jsonl"), json);
    store.insert(job("a", "queued", Instant.EPOCH));
    assertThatThrownBy(() -> store.insert(job("a", "queued", Instant.EPOCH))).isInstanceOf(JobStore.DuplicateJobException.class);
    assertThat(store.findByIdempotencyKey("key-a")).isPresent();
  }

  @Test
  void tornLastLine_isSkippedOnLoad() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    new JsonlJobStore(file, json).insert(job("a", "queued", Instant.EPOCH));
    Files.writeString(file, "{\"job_id\":\"b\",\"sta", StandardOpenOption.APPEND);

    JsonlJobStore reopened = new JsonlJobStore(file, json);

    assertThat(reopened.find("a")).isPresent();
    assertThat(reopened.find("b")).isEmpty();

    // The fragment is cut off, so the next record starts a line of its own and survives.
    reopened.insert(job("c", "queued", Instant.EPOCH));
    assertThat(new JsonlJobStore(file, json).find("c")).isPresent();
  }

  @Test
  void compaction_keepsOneLinePerJob_andCleanupWritesTombstones() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    store.insert(job("old", "success", Instant.parse("2026-01-01T00:00:00Z")).withProgress("success", 100, "done", null, Instant.parse("2026-01-01T00:01:00Z"), true));
    for (int i = 0; i < 1500; i++) {
      store.update(job("busy", i % 2 == 0 ? "running" : "queued", Instant.parse("2026-11-01T00:00:00Z")));
    }
    assertThat(Files.readAllLines(file).size()).as("compacted along the way").isLessThan(1500);

    assertThat(store.deleteEndedBefore(Instant.parse("2026-10-01T00:00:00Z"))).isEqualTo(1);
    store.compact();

    assertThat(Files.readAllLines(file)).hasSize(1);
    JsonlJobStore reopened = new JsonlJobStore(file, json);
    assertThat(reopened.find("old")).isEmpty();
    assertThat(reopened.find("busy").orElseThrow().state()).isEqualTo("queued");
  }

  @Test
  void compaction_onItsOwnThread_losesNoWriteMadeMeanwhile() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    int writers = 8;
    int updates = 600;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String id = "job-" + w;
      done.add(
          pool.submit(
              () -> {
                store.insert(job(id, "queued", Instant.EPOCH));
                for (int i = 1; i <= updates; i++) {
                  store.update(job(id, "running", Instant.EPOCH).withProgress("running", i % 100, "step " + i, null, Instant.EPOCH, false));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(Files.readAllLines(file).size()).as("compacted along the way").isLessThan(writers * updates / 2);
    JsonlJobStore reopened = new JsonlJobStore(file, json);
    for (int w = 0; w < writers; w++) {
      assertThat(reopened.find("job-" + w).orElseThrow().phase()).isEqualTo("step " + updates);
    }
  }

  @Test
  void compactionsWhileWritersRun_keepTheLatestRecordOfEveryJob() throws Exception {
    Path file = dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread compactor =
        new Thread(
            () -> {
              while (writing.get()) {
                store.compact();
              }
            });
    compactor.start();
    for (int i = 0; i < 300; i++) {
      store.insert(job("j" + i, "queued", Instant.EPOCH));
      store.update(job("j" + i, "running", Instant.EPOCH));
      if (i % 3 == 0) {
        Runnable undo = store.appendUndoable(job("j" + i, "success", Instant.EPOCH));
        store.update(job("other", "running", Instant.EPOCH));
        undo.run();
      }
    }
    writing.set(false);
    compactor.join(60_000);

    JsonlJobStore reopened = new JsonlJobStore(file, json);
    for (int i = 0; i < 300; i++) {
      assertThat(reopened.find("j" + i).orElseThrow().state()).as("j" + i).isEqualTo("running");
    }
    assertThat(reopened.find("other")).isPresent();
  }

  @Test
  void undo_afterOtherAppends_restoresThePreviousRecordOrRemovesANewOne() {
    Path file = dir.resolve("jobs.jsonl");
    JsonlJobStore store = new JsonlJobStore(file, json);
    store.insert(job("kept", "queued", Instant.EPOCH));
    Runnable undoNew = store.appendUndoable(job("new", "queued", Instant.EPOCH));
    Runnable undoKept = store.appendUndoable(job("kept", "error", Instant.EPOCH));
    store.insert(job("later", "queued", Instant.EPOCH));

    undoNew.run();
    undoKept.run();

    assertThat(store.find("new")).isEmpty();
    assertThat(store.find("kept").orElseThrow().state()).isEqualTo("queued");
    JsonlJobStore reopened = new JsonlJobStore(file, json);
    assertThat(reopened.find("new")).isEmpty();
    assertThat(reopened.find("kept").orElseThrow().state()).isEqualTo("queued");
    assertThat(reopened.find("later")).isPresent();
  }

  static JobRecord job(String id, String state, Instant created) {
    return new JobRecord(
        id, "sync", "collection_to_project", state, 0, state, "default", "/p", "[\"skill:x\"]",
        "{}", null, "trace", "key-" + id, "hash", null, created, null, null);
  }
}