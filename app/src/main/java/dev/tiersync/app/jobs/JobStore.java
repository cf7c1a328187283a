package dev.tiersync.app.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs are kept across restarts. Every transition is written through it. Implementations:
 * SQLite or PostgreSQL ({@link JdbcJobStore}), an append-only JSONL file ({@link JsonlJobStore}),
 * and either database mirrored to JSONL ({@link MirroredJobStore}), the default with SQLite.
 */
public interface JobStore {
  /**
   * Adds a new job.
   *
   * @throws DuplicateJobException when the id or the idempotency key is already taken
   */
  void insert(JobRecord job);

  /** Replaces a job's record (state, progress, snapshot). */
  void update(JobRecord job);

  /**
   * Records a transition a job's workflow published, unless the job has already ended (a terminal
   * state is final): state, percentage, phase and snapshot, the start time at its first state
   * after {@code queued} and the end time at a terminal state.
   *
   * @return the job's record after the change; empty when there is no such job or it has ended
   */
  default Optional<JobRecord> progress(String jobId, JobRecord.Progress progress) {
    Optional<JobRecord> current = find(jobId);
    if (current.isEmpty() || JobStates.terminal(current.get().state())) {
      return Optional.empty();
    }
    JobRecord next = current.get().withProgress(progress);
    update(next);
    return Optional.of(next);
  }

  Optional<JobRecord> find(String jobId);

  Optional<JobRecord> findByIdempotencyKey(String key);

  List<JobRecord> list(JobQuery query);

  long count(JobQuery query);

  /**
   * The distinct project folders jobs of {@code collection} named ({@code project_path}), sorted:
   * the projects tiersync has worked on, beside those found under the project roots.
   */
  List<String> projectPaths(String collection);

  /** Jobs not yet in a terminal state, oldest first (for reconciliation at start). */
  List<JobRecord> unfinished();

  /** Removes jobs that ended before {@code cutoff}; returns how many. */
  int deleteEndedBefore(Instant cutoff);

  /** A short name for health and logs ({@code sqlite}, {@code jsonl}, ...). */
  String describe();

  /** Thrown when a job id or idempotency key already exists. */
  final class DuplicateJobException extends RuntimeException {
    public DuplicateJobException(String message) {
      super(message);
    }
  }
}
