package dev.tiersync.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @TempDir Path tmp;

  @Test
  void appendAfterATornLine_keepsTheNewEntryReadable() throws Exception {
    Path file = tmp.resolve("audit.jsonl");
    AuditLog first = new AuditLog(file, json);
    first.record(entry("job-1", "skill:a"));
    // A crash tore the next entry halfway through its line.
    Files.writeString(
        file, json.writeValueAsString(entry("job-2", "skill:b")).substring(0, 40),
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

    AuditLog restarted = new AuditLog(file, json);
    restarted.record(entry("job-3", "skill:c"));

    assertThat(restarted.read(null, 10, 0))
        .extracting(AuditEntry::jobId)
        .containsExactly("job-3", "job-1");
    assertThat(restarted.read("skill:c", 10, 0)).extracting(AuditEntry::jobId).containsExactly("job-3");
  }

  @Test
  void instancesSharingTheDataDir_eachAppendToTheirOwnFile_andReadsMergeThemNewestFirst() throws Exception {
    AuditLog a = new AuditLog(tmp.resolve("audit-a.jsonl"), json);
    AuditLog b = new AuditLog(tmp.resolve("audit-b.jsonl"), json);
    a.record(entry("job-1", "skill:a", 1));
    b.record(entry("job-2", "skill:a", 2));
    a.record(entry("job-3", "skill:b", 3));
    b.record(entry("job-4", "skill:b", 4));

    assertThat(a.read(null, 10, 0)).extracting(AuditEntry::jobId).containsExactly("job-4", "job-3", "job-2", "job-1");
    assertThat(b.read("skill:a", 10, 0)).extracting(AuditEntry::jobId).containsExactly("job-2", "job-1");
    assertThat(b.read(null, 2, 1)).extracting(AuditEntry::jobId).containsExactly("job-3", "job-2");
    assertThat(Files.readAllLines(tmp.resolve("audit-a.jsonl"))).hasSize(2);
    assertThat(Files.readAllLines(tmp.resolve("audit-b.jsonl"))).hasSize(2);
  }

  private static AuditEntry entry(String jobId, String artifactId) {
    return entry(jobId, artifactId, 3);
  }

  private static AuditEntry entry(String jobId, String artifactId, int endedAfterSeconds) {
    Instant t = Instant.parse("2026-12-05T10:00:00Z");
    return new AuditEntry(
        jobId, "sync", "alice", t, t.plusSeconds(endedAfterSeconds), "collection_to_project", "auto", false,
        "default", "/p", "success", "trace",
        List.of(new AuditEntry.Change(artifactId, "project", "updated", "h1", "h2")));
  }
}
