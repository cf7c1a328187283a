package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines job store: each write appends the job's whole record; the latest line
 * for an id wins; a line {@code {"deleted":"<id>"}} removes one. The file is read once at start
 * and compacted (rewritten with one line per live job, atomically) when it holds more than twice
 * as many lines as jobs. A torn last line from a crash is skipped.
 */
public final class JsonlJobStore implements JobStore {
  private static final Logger log = LoggerFactory.getLogger(JsonlJobStore.class);
  private static final int MIN_LINES_BEFORE_COMPACTION = 1000;

  private record Tombstone(String deleted) {}

  private final Path file;
  private final ObjectMapper json;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private BufferedWriter out;
  private long lines;

  public JsonlJobStore(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
    load();
  }

  private void load() {
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          lines++;
          if (line.isBlank()) {
            continue;
          }
          try {
            if (line.startsWith("{\"deleted\"")) {
              jobs.remove(json.readValue(line, Tombstone.class).deleted());
            } else {
              JobRecord r = json.readValue(line, JobRecord.class);
              jobs.put(r.jobId(), r);
            }
          } catch (IOException e) {
            log.warn("skipping an unreadable line in {} (a write torn by a crash?)", file);
          }
        }
      }
      out = open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open job store " + file, e);
    }
  }

  private BufferedWriter open() throws IOException {
    return Files.newBufferedWriter(
        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized void insert(JobRecord job) {
    if (jobs.containsKey(job.jobId())) {
      throw new DuplicateJobException("job " + job.jobId() + " already exists");
    }
    if (job.idempotencyKey() != null && findByIdempotencyKey(job.idempotencyKey()).isPresent()) {
      throw new DuplicateJobException("idempotency key already used");
    }
    write(job);
  }

  @Override
  public synchronized void update(JobRecord job) {
    write(job);
  }

  private void write(JobRecord job) {
    jobs.put(job.jobId(), job);
    append(job);
    maybeCompact();
  }

  private void append(Object value) {
    try {
      out.write(json.writeValueAsString(value));
      out.write('\n');
      out.flush();
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to job store " + file, e);
    }
  }

  private void maybeCompact() {
    if (lines > MIN_LINES_BEFORE_COMPACTION && lines > 2L * jobs.size()) {
      compact();
    }
  }

  /** Rewrites the file with one line per live job. */
  public synchronized void compact() {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    try {
      out.close();
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (JobRecord r : jobs.values()) {
          w.write(json.writeValueAsString(r));
          w.write('\n');
        }
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      lines = jobs.size();
      out = open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact job store " + file, e);
    }
  }

  long lineCount() {
    return lines;
  }

  @Override
  public synchronized Optional<JobRecord> find(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public synchronized Optional<JobRecord> findByIdempotencyKey(String key) {
    return jobs.values().stream().filter(r -> key.equals(r.idempotencyKey())).findFirst();
  }

  @Override
  public synchronized List<JobRecord> list(JobQuery q) {
    return jobs.values().stream()
        .filter(q::matches)
        .sorted(Comparator.comparing(JobRecord::createdAt).reversed().thenComparing(JobRecord::jobId))
        .skip(q.offset())
        .limit(q.limit())
        .toList();
  }

  @Override
  public synchronized long count(JobQuery q) {
    return jobs.values().stream().filter(q::matches).count();
  }

  @Override
  public synchronized List<JobRecord> unfinished() {
    List<JobRecord> out = new ArrayList<>();
    for (JobRecord r : jobs.values()) {
      if (!JobStates.terminal(r.state())) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(JobRecord::createdAt));
    return out;
  }

  @Override
  public synchronized int deleteEndedBefore(Instant cutoff) {
    List<String> gone = new ArrayList<>();
    for (JobRecord r : jobs.values()) {
      if (r.endedAt() != null && r.endedAt().isBefore(cutoff)) {
        gone.add(r.jobId());
      }
    }
    for (String id : gone) {
      jobs.remove(id);
      append(new Tombstone(id));
    }
    maybeCompact();
    return gone.size();
  }

  @Override
  public String describe() {
    return "jsonl";
  }
}
