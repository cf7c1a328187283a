package dev.tiersync.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.store.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The audit log: an append-only JSON Lines file in the data dir ({@code audit.jsonl}), one line
 * per ended job and per policy change. It is kept apart from the job store so that the 30-day job cleanup does not
 * shorten it; rotate or archive it like any log.
 */
@Component
public class AuditLog {
  private final Path file;
  private final ObjectMapper json;
  /** Opened at the first append, which also cuts off a line a crash tore. */
  private JsonLinesFile appender;

  @Autowired
  public AuditLog(DataDirectory data, ObjectMapper json) {
    this(data.root().resolve("audit.jsonl"), json);
  }

  AuditLog(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  /** Appends the entry of an ended job or a policy change. */
  public synchronized void record(AuditEntry entry) {
    if (appender == null) {
      appender = JsonLinesFile.open(file, json, line -> {});
    }
    appender.append(entry);
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
          // A line torn by a crash (the first append after it cuts it off) is skipped.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file, e);
    }
    Collections.reverse(all);
    return all.stream().skip(offset).limit(limit).toList();
  }
}
