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

  private static AuditEntry entry(String jobId, String artifactId) {
    Instant t = Instant.parse("2026-12-05T10:00:00Z");
    return new AuditEntry(
        jobId, "sync", "alice", t, t.plusSeconds(3), "collection_to_project", "auto", false,
        "default", "/p", "success", "trace",
        List.of(new AuditEntry.Change(artifactId, "project", "updated", "h1", "h2")));
  }
}
