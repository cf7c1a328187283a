package dev.tiersync.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The job store contract on a real SQLite file, through {@link SqliteDialect}. */
class SqliteStoreTest extends JobStoreContractTest {

  @Override
  String expectedName() {
    return "sqlite";
  }

  @Test
  void timestamps_areStoredAsIntegers() {
    store.insert(job("job-1", T0, "queued", null));

    assertThat(jdbc.queryForObject("SELECT typeof(created_at) || ':' || created_at FROM jobs WHERE job_id = 'job-1'", String.class))
        .isEqualTo("integer:" + T0.toEpochMilli());
  }

  @Test
  void sqliteConstraintErrors_areTranslatedToSpringExceptions() {
    store.insert(job("job-x", T0, "queued", null));
    assertThatThrownBy(() -> jdbc.execute("INSERT INTO jobs (job_id, kind, state, request_json, trace_id, created_at) VALUES ('job-x', 'sync', 'queued', '{}', 't', 0)"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
