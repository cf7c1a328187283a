package dev.tiersync.app.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.relational.core.dialect.Dialect;

/**
 * The job store's database: a Hikari pool on the data directory's {@code tiersync.db} (SQLite), or
 * on the PostgreSQL database of {@code SYNC_DB_*} when {@code SYNC_JOB_STORE=postgres}.
 *
 * <p>The SQLite pool size and pragmas ({@code journal_mode=WAL}, {@code busy_timeout}) are set in
 * {@code application.yml} under {@code spring.datasource.hikari}; only the file location is
 * computed here, because it depends on the data directory, which must exist before the first
 * connection opens. The pool opens no connection before the job store does, which also applies
 * the schema migrations ({@code JobStoreSchema}).
 */
@Configuration(proxyBeanMethods = false)
class StoreConfig {
  /** Connections for PostgreSQL: it takes concurrent writers, so request threads need not queue. */
  private static final int POSTGRES_POOL_SIZE = 10;
  /**
   * How long a request waits for a connection: while the database is down a request answers 503
   * after this rather than after Hikari's default 30 s (a healthy pool hands one out at once).
   */
  private static final Duration POSTGRES_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  @Bean
  HikariDataSource dataSource(TiersyncProperties properties, DataDirectory dataDirectory, Environment environment) {
    HikariDataSource dataSource = new HikariDataSource();
    if (properties.sync().jobStore() == TiersyncProperties.JobStore.POSTGRES) {
      TiersyncProperties.Db db = properties.sync().db();
      dataSource.setPoolName("tiersync-postgres");
      dataSource.setDriverClassName(org.postgresql.Driver.class.getName());
      dataSource.setJdbcUrl(db.url());
      dataSource.setUsername(db.user());
      dataSource.setPassword(db.password());
      dataSource.setMaximumPoolSize(POSTGRES_POOL_SIZE);
      dataSource.setConnectionTimeout(POSTGRES_CONNECTION_TIMEOUT.toMillis());
    } else {
      Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
      dataSource.setDriverClassName(org.sqlite.JDBC.class.getName());
      dataSource.setJdbcUrl("jdbc:sqlite:" + dataDirectory.database());
    }
    return dataSource;
  }

  /**
   * Spring Data JDBC cannot detect SQLite by itself (without this bean it fails to start), and
   * would detect PostgreSQL only by opening a connection while the context starts.
   */
  @Bean
  Dialect jdbcDialect(TiersyncProperties properties) {
    return properties.sync().jobStore() == TiersyncProperties.JobStore.POSTGRES
        ? EpochMillisPostgresDialect.INSTANCE
        : SqliteDialect.INSTANCE;
  }
}
