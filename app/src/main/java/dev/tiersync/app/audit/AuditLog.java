package dev.tiersync.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.InstanceFiles;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.store.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The audit log: append-only JSON Lines files in the data dir, one line per ended job and per
 * policy change. It is kept apart from the job store so that the 30-day job cleanup does not
 * shorten it; rotate or archive it like any log.
 *
 * <p>Each instance appends to a file of its own: {@code audit.jsonl} when it is the only one (the
 * SQLite and JSONL job stores), {@code audit-<instance id>.jsonl} when several instances share a
 * PostgreSQL job store and the data dir. A file has one writer, which keeps its own end of file;
 * reads merge every instance's file, newest first.
 */
@Component
public class AuditLog {
  /** The single instance's file, and the prefix of the others'. */
  static final String FILE = "audit.jsonl";

  private final Path dir;
  private final Path file;
  private final ObjectMapper json;
  /** Opened at the first append, which also cuts off a line a crash tore. */
  private JsonLinesFile appender;

  @Autowired
  public AuditLog(DataDirectory data, TiersyncProperties properties, ObjectMapper json) {
    this(data.root().resolve(fileName(properties)), json);
  }

  AuditLog(Path file, ObjectMapper json) {
    this.dir = file.toAbsolutePath().getParent();
    this.file = file;
    this.json = json;
  }

  /** This instance's file: its own when instances share the data dir (see the class comment). */
  static String fileName(TiersyncProperties properties) {
    return InstanceFiles.jsonl("audit", properties.sync().jobStore(), properties.instanceId());
  }

  /** Appends the entry of an ended job or a policy change. */
  public synchronized void record(AuditEntry entry) {
    if (appender == null) {
      appender = JsonLinesFile.open(file, json, line -> {});
    }
    appender.append(entry);
  }

  /** Entries of every instance, newest first, optionally only those touching {@code artifactId}. */
  public synchronized List<AuditEntry> read(String artifactId, int limit, int offset) {
    List<Path> files = files();
    List<AuditEntry> all = new ArrayList<>();
    for (Path f : files) {
      List<AuditEntry> ofFile = new ArrayList<>();
      readInto(f, artifactId, ofFile);
      Collections.reverse(ofFile);
      all.addAll(ofFile);
    }
    if (files.size() > 1) {
      // Several instances' files: interleave them by when each entry ended. The sort is stable, so
      // a file's entries that ended at the same instant keep their order (newest appended first).
      all.sort(Comparator.comparing(AuditEntry::endedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    }
    return all.stream().skip(offset).limit(limit).toList();
  }

  /**
   * The event recorded with an entry of {@code kind} (e.g. a {@code drift} transition) whose
   * {@code event_id} is {@code eventId}, from any instance's file; empty when there is none.
   */
  public synchronized Optional<JsonNode> event(String kind, String eventId) {
    return read(null, Integer.MAX_VALUE, 0).stream()
        .filter(e -> kind.equals(e.kind()) && e.event() != null)
        .map(AuditEntry::event)
        .filter(event -> eventId.equals(event.path("event_id").asText(null)))
        .findFirst();
  }

  private List<Path> files() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.equals(FILE) || (name.startsWith("audit-") && name.endsWith(".jsonl"));
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the audit logs in " + dir, e);
    }
  }

  private void readInto(Path f, String artifactId, List<AuditEntry> out) {
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        try {
          AuditEntry e = json.readValue(line, AuditEntry.class);
          if (artifactId == null || e.changes().stream().anyMatch(c -> artifactId.equals(c.artifactId()))) {
            out.add(e);
          }
        } catch (IOException torn) {
          // A line torn by a crash (the first append after it cuts it off) is skipped.
        }
      }
    } catch (NoSuchFileException gone) {
      // Rotated away between the listing and the read.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + f, e);
    }
  }
}
