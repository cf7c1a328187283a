package dev.tiersync.app.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job store in a SQL database, SQLite (the data dir's file) or PostgreSQL, through Spring Data
 * JDBC. The schema migrations ({@link JobStoreSchema}) run when the store opens, so a SQLite file
 * that cannot be opened is noticed here and the default mode can fall back to JSONL, and an
 * unreachable PostgreSQL fails start.
 *
 * <p>The SQL is the same for both databases; the {@link org.springframework.data.relational.core.dialect.Dialect}
 * bean renders the aggregate queries for each. On SQLite writes take turns in this process: it
 * lets one writer in at a time, and a second connection that finds it busy sleeps in steps of
 * milliseconds before it retries, which a job creation would feel. PostgreSQL takes concurrent
 * writers (from this and other instances) and locks rows itself.
 */
public final class JdbcJobStore implements JobStore {
  private final JdbcAggregateTemplate template;
  private final JdbcTemplate jdbc;
  private final JobStoreSchema.Database database;
  /** Serialises this process's writes on SQLite; null on PostgreSQL. */
  private final ReentrantLock writes;

  public JdbcJobStore(JdbcAggregateTemplate template, DataSource dataSource) {
    this.template = template;
    this.jdbc = new JdbcTemplate(dataSource);
    this.database = JobStoreSchema.migrate(dataSource);
    this.writes = database == JobStoreSchema.Database.SQLITE ? new ReentrantLock() : null;
  }

  private <T> T write(Supplier<T> statement) {
    if (writes == null) {
      return statement.get();
    }
    writes.lock();
    try {
      return statement.get();
    } finally {
      writes.unlock();
    }
  }

  /**
   * One plain statement: every job creation runs it while the client waits, and Spring Data JDBC's
   * aggregate insert (mapping, SQL rendering and lifecycle events per call) cost several times the
   * statement itself.
   */
  @Override
  public void insert(JobRecord job) {
    try {
      write(() -> jdbc.update(
          "INSERT INTO jobs (job_id, kind, direction, state, pct, phase, collection, project_path,"
              + " artifact_ids, request_json, snapshot_json, trace_id, idempotency_key, request_hash,"
              + " created_by, created_at, started_at, ended_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          job.jobId(), job.kind(), job.direction(), job.state(), job.pct(), job.phase(), job.collection(),
          job.projectPath(), job.artifactIds(), job.requestJson(), job.snapshotJson(), job.traceId(),
          job.idempotencyKey(), job.requestHash(), job.createdBy(), millis(job.createdAt()),
          millis(job.startedAt()), millis(job.endedAt())));
    } catch (RuntimeException e) {
      // The driver's constraint violation, possibly wrapped.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DataIntegrityViolationException) {
          throw new DuplicateJobException("job " + job.jobId() + " or its idempotency key already exists");
        }
      }
      throw e;
    }
  }

  @Override
  public void update(JobRecord job) {
    write(() -> template.update(job));
  }

  /**
   * One statement: the changed columns only, and the row as it is afterwards from {@code
   * RETURNING}, so a transition neither reads the row first nor rewrites its request and ids (the
   * aggregate save of {@link #update} does both).
   */
  @Override
  public Optional<JobRecord> progress(String jobId, JobRecord.Progress p) {
    List<JobRecord> rows =
        write(
            () ->
                jdbc.query(
                    "UPDATE jobs SET state = ?, pct = ?, phase = ?, snapshot_json = ?,"
                        + " started_at = COALESCE(started_at, ?), ended_at = ?"
                        + " WHERE job_id = ? AND state IN (?, ?) RETURNING *",
                    JdbcJobStore::row,
                    p.state(), p.pct(), p.phase(), p.snapshotJson(), millis(p.startedAt()),
                    p.terminal() ? millis(p.at()) : null, jobId, JobStates.QUEUED, JobStates.RUNNING));
    return rows.stream().findFirst();
  }

  private static JobRecord row(ResultSet rs, int n) throws SQLException {
    return new JobRecord(
        rs.getString("job_id"), rs.getString("kind"), rs.getString("direction"), rs.getString("state"),
        rs.getInt("pct"), rs.getString("phase"), rs.getString("collection"), rs.getString("project_path"),
        rs.getString("artifact_ids"), rs.getString("request_json"), rs.getString("snapshot_json"),
        rs.getString("trace_id"), rs.getString("idempotency_key"), rs.getString("request_hash"),
        rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "ended_at"));
  }

  /** The {@code *_at} columns hold epoch milliseconds (see {@code db/migration}). */
  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  private static Long millis(Instant at) {
    return at == null ? null : at.toEpochMilli();
  }

  /** A plain query and {@link #row}: status polls read here, and the aggregate read costs more. */
  @Override
  public Optional<JobRecord> find(String jobId) {
    return jdbc.query("SELECT * FROM jobs WHERE job_id = ?", JdbcJobStore::row, jobId).stream().findFirst();
  }

  @Override
  public Optional<JobRecord> findByIdempotencyKey(String key) {
    return template.findOne(Query.query(Criteria.where("idempotencyKey").is(key)), JobRecord.class);
  }

  /**
   * Plain SQL rather than an aggregate query: the artifact filter needs {@code LIKE ... ESCAPE},
   * which Spring Data's criteria cannot express, and SQLite has no default escape character (an
   * escaped {@code _}, as in {@code skill:my_tool}, matched nothing there).
   */
  @Override
  public List<JobRecord> list(JobQuery q) {
    Filter f = Filter.of(q);
    List<Object> args = new ArrayList<>(f.args());
    args.add(q.limit());
    args.add(q.offset());
    return jdbc.query(
        "SELECT * FROM jobs" + f.where() + " ORDER BY created_at DESC, job_id LIMIT ? OFFSET ?",
        JdbcJobStore::row,
        args.toArray());
  }

  @Override
  public long count(JobQuery q) {
    Filter f = Filter.of(q);
    Long n = jdbc.queryForObject("SELECT count(*) FROM jobs" + f.where(), Long.class, f.args().toArray());
    return n == null ? 0 : n;
  }

  /** The WHERE clause of a {@link JobQuery} (empty when it filters nothing) and its arguments. */
  private record Filter(String where, List<Object> args) {
    static Filter of(JobQuery q) {
      List<String> conditions = new ArrayList<>();
      List<Object> args = new ArrayList<>();
      if (q.state() != null) {
        conditions.add("state = ?");
        args.add(q.state());
      }
      if (q.direction() != null) {
        conditions.add("direction = ?");
        args.add(q.direction());
      }
      if (q.artifactId() != null) {
        // artifact_ids is a JSON array of strings: the id in quotes is one whole element.
        conditions.add("artifact_ids LIKE ? ESCAPE '\\'");
        String literal = q.artifactId().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        args.add("%\"" + literal + "\"%");
      }
      return new Filter(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
    }
  }

  @Override
  public List<String> projectPaths(String collection) {
    return jdbc.queryForList(
        "SELECT DISTINCT project_path FROM jobs WHERE collection = ? AND project_path IS NOT NULL"
            + " ORDER BY project_path",
        String.class,
        collection);
  }

  @Override
  public List<JobRecord> unfinished() {
    return template.findAll(
        Query.query(Criteria.where("state").in(JobStates.QUEUED, JobStates.RUNNING))
            .sort(Sort.by("createdAt")),
        JobRecord.class);
  }

  /** One statement, so instances sharing a PostgreSQL store may clean up at the same time. */
  @Override
  public int deleteEndedBefore(Instant cutoff) {
    return write(() -> jdbc.update("DELETE FROM jobs WHERE ended_at < ?", cutoff.toEpochMilli()));
  }

  @Override
  public String describe() {
    return database == JobStoreSchema.Database.SQLITE ? "sqlite" : "postgres";
  }
}
