package dev.tiersync.app.jobs;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Brings the job store's schema up to date with the Flyway migrations in {@code db/migration},
 * which serve SQLite and PostgreSQL alike. It runs when the store opens rather than through Spring
 * Boot's Flyway auto-configuration (switched off in {@code application.yml}), so that a SQLite
 * file that cannot be opened fails here and the default mode can fall back to JSONL.
 *
 * <p>Several instances may open one PostgreSQL store at once: Flyway holds a PostgreSQL advisory
 * lock while it migrates, so one of them applies each migration and the others find it done.
 */
final class JobStoreSchema {
  private JobStoreSchema() {}

  /** The database a job store lives in; what differs between them is decided from this. */
  enum Database {
    SQLITE,
    POSTGRESQL
  }

  /**
   * Applies the migrations not applied yet.
   *
   * @return which database {@code dataSource} reaches
   */
  static Database migrate(DataSource dataSource) {
    Database database = detect(dataSource);
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // SQLite files created by db/sqlite/schema.sql, before there were migrations, have the
        // jobs table of V1 and no history: they are taken as at version 1, rows untouched. A
        // PostgreSQL store never existed without migrations, so a non-empty database without
        // history there is somebody else's, and Flyway refuses it.
        .baselineOnMigrate(database == Database.SQLITE)
        .baselineVersion("1")
        .baselineDescription("jobs table made by db/sqlite/schema.sql")
        .load()
        .migrate();
    return database;
  }

  private static Database detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      return switch (product) {
        case "SQLite" -> Database.SQLITE;
        case "PostgreSQL" -> Database.POSTGRESQL;
        default -> throw new IllegalStateException("the job store supports SQLite and PostgreSQL, not " + product);
      };
    } catch (SQLException e) {
      throw new CannotGetJdbcConnectionException("cannot connect to the job store's database", e);
    }
  }
}
