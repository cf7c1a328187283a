package dev.tiersync.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The audit log: an append-only JSON Lines file in the data dir ({@code audit.jsonl}), one line
 * per ended job. It is kept apart from the job store so that the 30-day job cleanup does not
 * shorten it; rotate or archive it like any log.
 */
@Component
public class AuditLog {
  private final Path file;
  private final ObjectMapper json;

  public AuditLog(DataDirectory data, ObjectMapper json) {
    this.file = data.root().resolve("audit.jsonl");
    this.json = json;
  }

  /** Appends the entry of an ended job. */
  public synchronized void record(AuditEntry entry) {
    try {
      Files.writeString(
          file, json.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the audit log " + file, e);
    }
  }

  /** Entries newest first, optionally only those touching {@code artifactId}. */
  public synchronized List<AuditEntry> read(String artifactId, int limit, int offset) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<AuditEntry> all = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          AuditEntry e = json.readValue(line, AuditEntry.class);
          if (artifactId == null || e.changes().stream().anyMatch(c -> artifactId.equals(c.artifactId()))) {
            all.add(e);
          }
        } catch (IOException torn) {
          // A line torn by a crash is skipped; the next append starts a new line.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    Collections.reverse(all);
    return all.stream().skip(offset).limit(limit).toList();
  }
}
