package dev.tiersync.app.jobs;

import dev.tiersync.app.api.StorageFull;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The default store ({@code sqlite-fallback-jsonl}), and {@code postgres}: the database (SQLite, or
 * PostgreSQL shared by several instances) is primary and every write is mirrored to the JSONL file
 * of this instance.
 *
 * <p>When this instance's own SQLite file fails (locked, corrupt, disk error) reads are answered
 * from the mirror and writes still reach it, so no transition is lost. A shared database is
 * different: the mirror holds only what this instance wrote, so answering from it would show a
 * part of the jobs, and a transition kept only in it would never reach the other instances (the
 * job would stay {@code running} for them). With a shared primary its failures propagate: a
 * request fails ({@code 503}), and a job's transition fails its local activity, which Temporal
 * retries until the database is back.
 *
 * <p>Writes of one job are serialised (a lock per job, taken from a fixed set), so both stores see
 * its records in the same order; writes of different jobs only meet in each store's own short
 * lock. One lock for every write made each job creation wait for the transitions of all running
 * jobs.
 */
public final class MirroredJobStore implements JobStore {
  private static final Logger log = LoggerFactory.getLogger(MirroredJobStore.class);
  private static final int JOB_LOCKS = 64;

  private final JobStore primary;
  private final JsonlJobStore mirror;
  /** Whether other instances share the primary (see the class comment): no fallback then. */
  private final boolean shared;
  private final Object[] jobLocks = new Object[JOB_LOCKS];

  /** This instance's own database, with the mirror as its fallback. */
  public MirroredJobStore(JobStore primary, JsonlJobStore mirror) {
    this(primary, mirror, false);
  }

  /**
   * @param shared whether other instances share {@code primary}: then its failures propagate and
   *     the mirror is a log of this instance's writes, never an answer
   */
  public MirroredJobStore(JobStore primary, JsonlJobStore mirror, boolean shared) {
    this.primary = primary;
    this.mirror = mirror;
    this.shared = shared;
    for (int i = 0; i < JOB_LOCKS; i++) {
      jobLocks[i] = new Object();
    }
  }

  private Object lockOf(String jobId) {
    return jobLocks[Math.floorMod(jobId.hashCode(), JOB_LOCKS)];
  }

  /**
   * Writes the mirror first, then the database. A job is created in both or in neither when the disk is
   * full: a full disk refuses the mirror line (nothing written), or SQLite (its insert is atomic,
   * and the mirror line is taken back, which needs no space). Any other database failure (locked,
   * corrupt) keeps the job in the mirror, as before; a duplicate takes the mirror line back too.
   */
  @Override
  public void insert(JobRecord job) {
    synchronized (lockOf(job.jobId())) {
      Runnable undo = mirror.appendUndoable(job);
      try {
        primary.insert(job);
      } catch (DuplicateJobException e) {
        undo.run();
        throw e;
      } catch (RuntimeException e) {
        if (shared || StorageFull.in(e) || !causedByDataAccess(e)) {
          undoKeeping(undo, e);
          throw e;
        }
        log.warn("{} insert of job {} failed, keeping it in the JSONL mirror: {}", primary.describe(), job.jobId(), e.getMessage());
      }
    }
  }

  /** Database failures reach here as DataAccessException, or wrapped in Spring Data's exceptions. */
  private static boolean causedByDataAccess(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataAccessException) {
        return true;
      }
    }
    return false;
  }

  private static void undoKeeping(Runnable undo, RuntimeException failure) {
    try {
      undo.run();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void update(JobRecord job) {
    synchronized (lockOf(job.jobId())) {
      try {
        primary.update(job);
      } catch (DataAccessException e) {
        if (shared) {
          throw e;
        }
        log.warn("{} update of job {} failed, keeping it in the JSONL mirror: {}", primary.describe(), job.jobId(), e.getMessage());
      }
      mirror.update(job);
    }
  }

  /** The database's one-statement update, then the whole resulting record appended to the mirror. */
  @Override
  public Optional<JobRecord> progress(String jobId, JobRecord.Progress progress) {
    synchronized (lockOf(jobId)) {
      Optional<JobRecord> next;
      try {
        next = primary.progress(jobId, progress);
      } catch (DataAccessException e) {
        if (shared) {
          throw e;
        }
        log.warn("{} update of job {} failed, keeping it in the JSONL mirror: {}", primary.describe(), jobId, e.getMessage());
        return mirror.progress(jobId, progress);
      }
      next.ifPresent(mirror::update);
      return next;
    }
  }

  @Override
  public Optional<JobRecord> find(String jobId) {
    return read(() -> primary.find(jobId), () -> mirror.find(jobId));
  }

  @Override
  public Optional<JobRecord> findByIdempotencyKey(String key) {
    return read(() -> primary.findByIdempotencyKey(key), () -> mirror.findByIdempotencyKey(key));
  }

  @Override
  public List<JobRecord> list(JobQuery query) {
    return read(() -> primary.list(query), () -> mirror.list(query));
  }

  @Override
  public long count(JobQuery query) {
    return read(() -> primary.count(query), () -> mirror.count(query));
  }

  @Override
  public List<String> projectPaths(String collection) {
    return read(() -> primary.projectPaths(collection), () -> mirror.projectPaths(collection));
  }

  @Override
  public List<JobRecord> unfinished() {
    return read(primary::unfinished, mirror::unfinished);
  }

  @Override
  public synchronized int deleteEndedBefore(Instant cutoff) {
    int n = mirror.deleteEndedBefore(cutoff);
    try {
      n = primary.deleteEndedBefore(cutoff);
    } catch (DataAccessException e) {
      if (shared) {
        throw e;
      }
      log.warn("{} cleanup failed: {}", primary.describe(), e.getMessage());
    }
    return n;
  }

  private <T> T read(Supplier<T> fromPrimary, Supplier<T> fallback) {
    try {
      return fromPrimary.get();
    } catch (DataAccessException e) {
      if (shared) {
        throw e;
      }
      log.warn("{} read failed, answering from the JSONL mirror: {}", primary.describe(), e.getMessage());
      return fallback.get();
    }
  }

  @Override
  public String describe() {
    return primary.describe() + "+jsonl";
  }
}
