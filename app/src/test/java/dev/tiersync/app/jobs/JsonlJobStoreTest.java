package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
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

  static JobRecord job(String id, String state, Instant created) {
    return new JobRecord(
        id, "sync", "collection_to_project", state, 0, state, "default", "/p", "[\"skill:x\"]",
        "{}", null, "trace", "key-" + id, "hash", null, created, null, null);
  }
}
