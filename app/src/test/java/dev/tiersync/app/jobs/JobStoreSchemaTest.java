package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

/** The Flyway migrations of the job store on real SQLite files, old and new. */
class JobStoreSchemaTest {
  @TempDir Path dir;

  @Test
  void fileMadeByTheOldSchemaSql_isBaselined_withItsTablesAndJobsUnchanged() throws Exception {
    SQLiteDataSource dataSource = sqlite("old.db");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    runScript(jdbc, "db/sqlite-before-migrations/schema.sql");
    jdbc.update(
        "INSERT INTO jobs (job_id, kind, direction, state, pct, phase, collection, project_path, artifact_ids,"
            + " request_json, trace_id, idempotency_key, request_hash, created_by, created_at, started_at)"
            + " VALUES ('job-old', 'sync', 'collection_to_project', 'running', 40, 'merge', 'default', '/p',"
            + " '[\"skill:x\"]', '{}', 'trace', 'key-1', 'hash', 'alice', 1700000000000, 1700000001000)");
    List<Map<String, Object>> schemaBefore = schema(jdbc);
    List<Map<String, Object>> jobsBefore = jdbc.queryForList("SELECT * FROM jobs");

    assertThat(JobStoreSchema.migrate(dataSource)).isEqualTo(JobStoreSchema.Database.SQLITE);
    JobStoreSchema.migrate(dataSource);

    assertThat(schema(jdbc)).isEqualTo(schemaBefore);
    assertThat(jdbc.queryForList("SELECT * FROM jobs")).isEqualTo(jobsBefore);
    assertThat(jdbc.queryForList("SELECT version || ':' || type FROM flyway_schema_history", String.class))
        .containsExactly("1:BASELINE");
  }

  @Test
  void newFile_getsTheJobsTableFromTheFirstMigration() {
    SQLiteDataSource dataSource = sqlite("new.db");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    JobStoreSchema.migrate(dataSource);

    assertThat(jdbc.queryForList("SELECT version || ':' || type || ':' || success FROM flyway_schema_history", String.class))
        .containsExactly("1:SQL:1");
    assertThat(jdbc.queryForList("SELECT name FROM sqlite_master WHERE tbl_name = 'jobs' ORDER BY name", String.class))
        .contains("jobs", "jobs_idempotency_key_uq", "jobs_ended_idx");
  }

  /** What lets the default mode fall back to JSONL ({@link JobStoresTest}): opening fails, it does not hang or pass. */
  @Test
  void fileThatCannotBeOpened_failsWithADataAccessException() throws Exception {
    Files.createDirectory(dir.resolve("folder.db"));

    assertThatThrownBy(() -> JobStoreSchema.migrate(sqlite("folder.db")))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("cannot connect to the job store's database");
  }

  private SQLiteDataSource sqlite(String file) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve(file));
    return dataSource;
  }

  /** The tables and indexes with their SQL, Flyway's history table left out. */
  private static List<Map<String, Object>> schema(JdbcTemplate jdbc) {
    return jdbc.queryForList(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name <> 'flyway_schema_history' ORDER BY name");
  }

  /** Runs a script of ';'-terminated statements with '--' comments, as the old store did. */
  private static void runScript(JdbcTemplate jdbc, String resource) throws Exception {
    StringBuilder code = new StringBuilder();
    for (String line : new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8).split("\n")) {
      code.append(line.contains("--") ? line.substring(0, line.indexOf("--")) : line).append('\n');
    }
    for (String statement : code.toString().split(";")) {
      if (!statement.isBlank()) {
        jdbc.execute(statement);
      }
    }
  }
}
