package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.store.JsonLinesFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
 *
 * <p>A write is one line or nothing: when the disk is full (or any write fails) halfway through a
 * line, the file is cut back to where it was, so the next append does not glue onto a fragment,
 * and the in-memory view keeps the previous record. The failure is rethrown (see {@link
 * dev.tiersync.app.api.StorageFull}).
 */
public final class JsonlJobStore implements JobStore {
  private static final Logger log = LoggerFactory.getLogger(JsonlJobStore.class);
  private static final int MIN_LINES_BEFORE_COMPACTION = 1000;

  private record Tombstone(String deleted) {}

  private final JsonLinesFile file;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();

  public JsonlJobStore(Path path, ObjectMapper json) {
    this.file = JsonLinesFile.open(path, json, line -> load(line, json, path));
  }

  private void load(String line, ObjectMapper json, Path path) {
    try {
      if (line.startsWith("{\"deleted\"")) {
        jobs.remove(json.readValue(line, Tombstone.class).deleted());
      } else {
        JobRecord r = json.readValue(line, JobRecord.class);
        jobs.put(r.jobId(), r);
      }
    } catch (IOException e) {
      log.warn("skipping an unreadable line in {} (a write torn by a crash?)", path);
    }
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
    file.append(job);
    jobs.put(job.jobId(), job);
    maybeCompact();
  }

  /**
   * Appends {@code job}'s record like {@link #update} and returns a handle that takes exactly this
   * append back (for {@link MirroredJobStore}, when the primary store then refuses the job). The
   * file is not compacted in between, so the undo is a cut back to the previous length, which
   * needs no free space.
   */
  synchronized Runnable appendUndoable(JobRecord job) {
    JobRecord previous = jobs.get(job.jobId());
    long before = file.position();
    file.append(job);
    jobs.put(job.jobId(), job);
    long after = file.position();
    return () -> {
      synchronized (this) {
        if (file.position() != after) {
          log.warn(
              "cannot take back the record of job {} in {}: the file changed since",
              job.jobId(), file.path());
          return;
        }
        file.takeBackLastLine(before);
        if (previous == null) {
          jobs.remove(job.jobId());
        } else {
          jobs.put(job.jobId(), previous);
        }
      }
    };
  }

  private void maybeCompact() {
    long lines = file.lineCount();
    if (lines > MIN_LINES_BEFORE_COMPACTION && lines > 2L * jobs.size()) {
      try {
        compact();
      } catch (UncheckedIOException e) {
        // The record is written; a later write tries again (e.g. once the disk has room).
        log.warn(
            "compaction of {} failed, keeping the file as it is: {}", file.path(), e.getMessage());
      }
    }
  }

  /** Rewrites the file with one line per live job; on failure the file stays as it was. */
  public synchronized void compact() {
    file.rewrite(jobs.values());
  }

  long lineCount() {
    return file.lineCount();
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
  public synchronized List<String> projectPaths(String collection) {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (JobRecord r : jobs.values()) {
      if (collection.equals(r.collection()) && r.projectPath() != null) {
        out.add(r.projectPath());
      }
    }
    return List.copyOf(out);
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
      file.append(new Tombstone(id));
      jobs.remove(id);
    }
    maybeCompact();
    return gone.size();
  }

  @Override
  public String describe() {
    return "jsonl";
  }
}
