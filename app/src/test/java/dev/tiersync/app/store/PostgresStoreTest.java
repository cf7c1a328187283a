package dev.tiersync.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The job store contract on a real PostgreSQL server ({@code scripts/postgres.sh}), started once
 * for the class, through {@link EpochMillisPostgresDialect}.
 */
@DirtiesContext
class PostgresStoreTest extends JobStoreContractTest {
  private static PostgresServer server;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    server = PostgresServer.start();
    registry.add("SYNC_JOB_STORE", () -> "postgres");
    registry.add("SYNC_DB_URL", server::url);
    registry.add("SYNC_DB_USER", server::user);
    registry.add("SYNC_DB_PASSWORD", server::password);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  String expectedName() {
    return "postgres";
  }

  @Test
  void timestamps_areStoredAsBigints() {
    assertThat(
            jdbc.queryForList(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'jobs' AND column_name LIKE '%\\_at'",
                String.class))
        .containsExactly("bigint", "bigint", "bigint");
  }
}
