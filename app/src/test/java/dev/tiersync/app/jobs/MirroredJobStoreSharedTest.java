package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A primary other instances share (PostgreSQL): its failures reach the caller, and the mirror is
 * never the answer nor the only place a record lands. A mock stands in for the database that fails
 * (the real server's failure is covered by PostgresJobStoreAppTest).
 */
class MirroredJobStoreSharedTest {
  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

  @Test
  void aSharedPrimaryThatFails_failsInsertsTransitionsAndReads_andLeavesNoMirrorOnlyRecord() throws Exception {
    JobStore database = Mockito.mock(JobStore.class);
    DataAccessResourceFailureException down = new DataAccessResourceFailureException("connection refused");
    Mockito.doThrow(down).when(database).insert(Mockito.any());
    Mockito.when(database.progress(Mockito.anyString(), Mockito.any())).thenThrow(down);
    Mockito.when(database.find(Mockito.anyString())).thenThrow(down);
    Mockito.when(database.unfinished()).thenThrow(down);
    Path file = dir.resolve("jobs-a.jsonl");
    MirroredJobStore store = new MirroredJobStore(database, new JsonlJobStore(file, json), true);

    assertThatThrownBy(() -> store.insert(JsonlJobStoreTest.job("j1", "queued", Instant.EPOCH))).isSameAs(down);
    assertThatThrownBy(
            () -> store.progress("j1", new JobRecord.Progress("running", 5, "fetch", null, Instant.EPOCH)))
        .isSameAs(down);
    assertThatThrownBy(() -> store.find("j1")).isSameAs(down);
    assertThatThrownBy(store::unfinished).isSameAs(down);
    assertThat(Files.exists(file) ? Files.readString(file) : "").doesNotContain("j1");
  }

  @Test
  void thisInstancesOwnPrimaryThatFails_isAnsweredFromTheMirror_asBefore() {
    JobStore database = Mockito.mock(JobStore.class);
    DataAccessResourceFailureException down = new DataAccessResourceFailureException("database is locked");
    Mockito.doThrow(down).when(database).insert(Mockito.any());
    Mockito.when(database.find(Mockito.anyString())).thenThrow(down);
    MirroredJobStore store = new MirroredJobStore(database, new JsonlJobStore(dir.resolve("jobs.jsonl"), json));

    store.insert(JsonlJobStoreTest.job("j1", "queued", Instant.EPOCH));

    assertThat(store.find("j1")).map(JobRecord::state).contains("queued");
  }
}
