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
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Writers hold the store's lock only for the append itself: records are serialised before, and
 * compaction runs on a thread of its own, writing the copy while appends go on and holding the
 * lock only to add the lines appended meanwhile and swap the files. (Under a burst of jobs a
 * compaction rewrote thousands of records while every job creation and transition waited.)
 */
public final class JsonlJobStore implements JobStore {
  private static final Logger log = LoggerFactory.getLogger(JsonlJobStore.class);
  private static final int MIN_LINES_BEFORE_COMPACTION = 1000;
  /** One thread for the compactions of every store, started when needed and ended when idle. */
  private static final Executor COMPACTIONS =
      new ThreadPoolExecutor(
          0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "jsonl-compaction");
            t.setDaemon(true);
            return t;
          });

  private record Tombstone(String deleted) {}

  private final JsonLinesFile file;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private final Executor compactions;
  /** Held while a compacted copy is written: one at a time, and never under the store's lock. */
  private final ReentrantLock compacting = new ReentrantLock();
  /** A compaction is queued or running (guarded by this). */
  private boolean compactionPending;

  public JsonlJobStore(Path path, ObjectMapper json) {
    this(path, json, COMPACTIONS);
  }

  /** For tests: compactions run on {@code compactions} (e.g. {@code Runnable::run}, at once). */
  JsonlJobStore(Path path, ObjectMapper json, Executor compactions) {
    this.file = JsonLinesFile.open(path, json, line -> load(line, json, path));
    this.compactions = compactions;
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
  public void insert(JobRecord job) {
    byte[] line = file.encode(job);
    synchronized (this) {
      if (jobs.containsKey(job.jobId())) {
        throw new DuplicateJobException("job " + job.jobId() + " already exists");
      }
      if (job.idempotencyKey() != null && findByIdempotencyKey(job.idempotencyKey()).isPresent()) {
        throw new DuplicateJobException("idempotency key already used");
      }
      write(job, line);
    }
  }

  @Override
  public void update(JobRecord job) {
    byte[] line = file.encode(job);
    synchronized (this) {
      write(job, line);
    }
  }

  private void write(JobRecord job, byte[] line) {
    file.append(line);
    jobs.put(job.jobId(), job);
    maybeCompact();
  }

  /**
   * Appends {@code job}'s record like {@link #update} and returns a handle that takes exactly this
   * append back (for {@link MirroredJobStore}, when the primary store then refuses the job). The
   * undo cuts the line off while it is still the file's last, which needs no free space; after
   * other appends (or a compaction) it appends the previous record, or a tombstone, instead.
   */
  Runnable appendUndoable(JobRecord job) {
    byte[] line = file.encode(job);
    JobRecord previous;
    long before;
    JsonLinesFile.Mark after;
    synchronized (this) {
      previous = jobs.get(job.jobId());
      before = file.position();
      file.append(line);
      jobs.put(job.jobId(), job);
      after = file.mark();
    }
    return () -> {
      synchronized (this) {
        if (file.unchangedSince(after)) {
          file.takeBackLastLine(before);
        } else {
          file.append(previous == null ? new Tombstone(job.jobId()) : previous);
        }
        if (previous == null) {
          jobs.remove(job.jobId());
        } else {
          jobs.put(job.jobId(), previous);
        }
      }
    };
  }

  /** Queues a compaction once the file holds enough stale lines (called under the lock). */
  private void maybeCompact() {
    long lines = file.lineCount();
    if (!compactionPending && lines > MIN_LINES_BEFORE_COMPACTION && lines > 2L * jobs.size()) {
      compactionPending = true;
      try {
        compactions.execute(this::compactAlongsideWrites);
      } catch (RejectedExecutionException e) {
        compactionPending = false;
      }
    }
  }

  private void compactAlongsideWrites() {
    try {
      if (compacting.tryLock()) {
        try {
          compact(false);
        } finally {
          compacting.unlock();
        }
      }
    } catch (UncheckedIOException e) {
      // The records are written; a later write tries again (e.g. once the disk has room).
      log.warn("compaction of {} failed, keeping the file as it is: {}", file.path(), e.getMessage());
    } finally {
      synchronized (this) {
        compactionPending = false;
      }
    }
  }

  /** Rewrites the file with one line per live job, now; on failure the file stays as it was. */
  public void compact() {
    compacting.lock();
    try {
      compact(true);
    } finally {
      compacting.unlock();
    }
  }

  /**
   * Writes the live records as they are now into a copy without holding the lock, then, under it,
   * adds what was appended meanwhile and swaps the files. A line taken back meanwhile (a refused
   * insert) leaves the file as it is: {@code retry} writes a fresh copy, else a later write asks
   * again.
   */
  private void compact(boolean retry) {
    do {
      List<JobRecord> live;
      JsonLinesFile.Mark mark;
      synchronized (this) {
        live = List.copyOf(jobs.values());
        mark = file.mark();
      }
      JsonLinesFile.Copy copy = file.writeCopy(live);
      synchronized (this) {
        if (file.replaceWith(copy, mark)) {
          return;
        }
      }
    } while (retry);
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
