package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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

  private final Path file;
  private final ObjectMapper json;
  private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
  private FileChannel out;
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

  private FileChannel open() throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long end = endOfLastWholeLine(channel);
    if (end < channel.size()) {
      // A line torn by a crash: cut it off, or the next record would be glued onto it and lost.
      log.warn("cutting off a torn last line of {} ({} bytes)", file, channel.size() - end);
      channel.truncate(end);
    }
    channel.position(end);
    return channel;
  }

  /** The length of the file up to and including its last newline (0 when it has none). */
  private static long endOfLastWholeLine(FileChannel channel) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(8192);
    long end = channel.size();
    while (end > 0) {
      long start = Math.max(0, end - block.capacity());
      block.clear().limit((int) (end - start));
      while (block.hasRemaining() && channel.read(block, start + block.position()) > 0) {
        // fill the block
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
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
    append(job);
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
    long before = position();
    append(job);
    jobs.put(job.jobId(), job);
    long after = position();
    return () -> {
      synchronized (this) {
        if (position() != after) {
          log.warn("cannot take back the record of job {} in {}: the file changed since", job.jobId(), file);
          return;
        }
        try {
          out.truncate(before);
          out.position(before);
          lines--;
        } catch (IOException e) {
          throw new UncheckedIOException("cannot take back the record of job " + job.jobId() + " in " + file, e);
        }
        if (previous == null) {
          jobs.remove(job.jobId());
        } else {
          jobs.put(job.jobId(), previous);
        }
      }
    };
  }

  private long position() {
    try {
      return out.position();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the job store " + file, e);
    }
  }

  /** Writes one whole line, or on failure cuts the file back so that no fragment stays. */
  private void append(Object value) {
    byte[] line;
    try {
      line = (json.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a job record for " + file, e);
    }
    long before;
    try {
      before = out.position();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to job store " + file, e);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      lines++;
    } catch (IOException e) {
      try {
        // Cutting a file back needs no free space, so this works on a full disk too.
        out.truncate(before);
        out.position(before);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      throw new UncheckedIOException("cannot append to job store " + file, e);
    }
  }

  private void maybeCompact() {
    if (lines > MIN_LINES_BEFORE_COMPACTION && lines > 2L * jobs.size()) {
      try {
        compact();
      } catch (UncheckedIOException e) {
        // The record is written; a later write tries again (e.g. once the disk has room).
        log.warn("compaction of {} failed, keeping the file as it is: {}", file, e.getMessage());
      }
    }
  }

  /** Rewrites the file with one line per live job; on failure the file stays as it was. */
  public synchronized void compact() {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    try {
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
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
      throw new UncheckedIOException("cannot compact job store " + file, e);
    }
    // The old channel still points at the replaced file; switch to the new one.
    try {
      out.close();
      out = open();
      lines = jobs.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen job store " + file, e);
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
      append(new Tombstone(id));
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
