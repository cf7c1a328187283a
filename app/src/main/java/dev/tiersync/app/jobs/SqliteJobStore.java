package dev.tiersync.app.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job store in the SQLite file of the data dir, through Spring Data JDBC. The schema ({@code
 * db/sqlite/schema.sql}) is applied when the store opens, so a file that cannot be opened is
 * noticed here and the default mode can fall back to JSONL.
 *
 * <p>Writes take turns in this process: SQLite lets one writer in at a time, and a second
 * connection that finds it busy sleeps in steps of milliseconds before it retries, which a job
 * creation would feel.
 */
public final class SqliteJobStore implements JobStore {
  private final JdbcAggregateTemplate template;
  private final JdbcTemplate jdbc;
  private final ReentrantLock writes = new ReentrantLock();

  public SqliteJobStore(JdbcAggregateTemplate template, DataSource dataSource) {
    this.template = template;
    this.jdbc = new JdbcTemplate(dataSource);
    applySchema(jdbc);
  }

  private static void applySchema(JdbcTemplate jdbc) {
    String sql;
    try {
      sql = new ClassPathResource("db/sqlite/schema.sql").getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder statement = new StringBuilder();
    for (String line : sql.split("\n")) {
      String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
      statement.append(code).append('\n');
      if (code.trim().endsWith(";")) {
        String s = statement.toString().trim();
        if (s.length() > 1) {
          jdbc.execute(s.substring(0, s.length() - 1));
        }
        statement.setLength(0);
      }
    }
  }

  /**
   * One plain statement: every job creation runs it while the client waits, and Spring Data JDBC's
   * aggregate insert (mapping, SQL rendering and lifecycle events per call) cost several times the
   * statement itself.
   */
  @Override
  public void insert(JobRecord job) {
    writes.lock();
    try {
      jdbc.update(
          "INSERT INTO jobs (job_id, kind, direction, state, pct, phase, collection, project_path,"
              + " artifact_ids, request_json, snapshot_json, trace_id, idempotency_key, request_hash,"
              + " created_by, created_at, started_at, ended_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          job.jobId(), job.kind(), job.direction(), job.state(), job.pct(), job.phase(), job.collection(),
          job.projectPath(), job.artifactIds(), job.requestJson(), job.snapshotJson(), job.traceId(),
          job.idempotencyKey(), job.requestHash(), job.createdBy(), millis(job.createdAt()),
          millis(job.startedAt()), millis(job.endedAt()));
    } catch (RuntimeException e) {
      // The driver's constraint violation, possibly wrapped.
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof DataIntegrityViolationException) {
          throw new DuplicateJobException("job " + job.jobId() + " or its idempotency key already exists");
        }
      }
      throw e;
    } finally {
      writes.unlock();
    }
  }

  @Override
  public void update(JobRecord job) {
    writes.lock();
    try {
      template.update(job);
    } finally {
      writes.unlock();
    }
  }

  /**
   * One statement: the changed columns only, and the row as it is afterwards from {@code
   * RETURNING}, so a transition neither reads the row first nor rewrites its request and ids (the
   * aggregate save of {@link #update} does both).
   */
  @Override
  public Optional<JobRecord> progress(String jobId, JobRecord.Progress p) {
    writes.lock();
    try {
      List<JobRecord> rows =
          jdbc.query(
              "UPDATE jobs SET state = ?, pct = ?, phase = ?, snapshot_json = ?,"
                  + " started_at = COALESCE(started_at, ?), ended_at = ?"
                  + " WHERE job_id = ? AND state IN (?, ?) RETURNING *",
              SqliteJobStore::row,
              p.state(), p.pct(), p.phase(), p.snapshotJson(), millis(p.startedAt()),
              p.terminal() ? millis(p.at()) : null, jobId, JobStates.QUEUED, JobStates.RUNNING);
      return rows.stream().findFirst();
    } finally {
      writes.unlock();
    }
  }

  private static JobRecord row(ResultSet rs, int n) throws SQLException {
    return new JobRecord(
        rs.getString("job_id"), rs.getString("kind"), rs.getString("direction"), rs.getString("state"),
        rs.getInt("pct"), rs.getString("phase"), rs.getString("collection"), rs.getString("project_path"),
        rs.getString("artifact_ids"), rs.getString("request_json"), rs.getString("snapshot_json"),
        rs.getString("trace_id"), rs.getString("idempotency_key"), rs.getString("request_hash"),
        rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "ended_at"));
  }

  /** The {@code *_at} columns hold epoch milliseconds (see {@code schema.sql}). */
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
    return jdbc.query("SELECT * FROM jobs WHERE job_id = ?", SqliteJobStore::row, jobId).stream().findFirst();
  }

  @Override
  public Optional<JobRecord> findByIdempotencyKey(String key) {
    return template.findOne(Query.query(Criteria.where("idempotencyKey").is(key)), JobRecord.class);
  }

  @Override
  public List<JobRecord> list(JobQuery q) {
    Query query =
        Query.query(criteria(q))
            .sort(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("jobId")))
            .limit(q.limit())
            .offset(q.offset());
    return template.findAll(query, JobRecord.class);
  }

  @Override
  public long count(JobQuery q) {
    return template.count(Query.query(criteria(q)), JobRecord.class);
  }

  private static Criteria criteria(JobQuery q) {
    Criteria c = Criteria.empty();
    if (q.state() != null) {
      c = c.and("state").is(q.state());
    }
    if (q.direction() != null) {
      c = c.and("direction").is(q.direction());
    }
    if (q.artifactId() != null) {
      c = c.and("artifactIds").like("%\"" + q.artifactId().replace("%", "").replace("_", "\\_") + "\"%");
    }
    return c;
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

  @Override
  public int deleteEndedBefore(Instant cutoff) {
    List<JobRecord> old =
        template.findAll(Query.query(Criteria.where("endedAt").lessThan(cutoff)), JobRecord.class);
    writes.lock();
    try {
      for (JobRecord r : old) {
        template.deleteById(r.jobId(), JobRecord.class);
      }
    } finally {
      writes.unlock();
    }
    return old.size();
  }

  @Override
  public String describe() {
    return "sqlite";
  }
}
