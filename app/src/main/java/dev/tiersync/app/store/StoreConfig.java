package dev.tiersync.app.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.tiersync.app.config.DataDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.dialect.Dialect;

/**
 * The SQLite job store: a small Hikari pool on {@code <data dir>/tiersync.db}.
 *
 * <p>The pool size and the SQLite pragmas ({@code journal_mode=WAL}, {@code busy_timeout}) are set
 * in {@code application.yml} under {@code spring.datasource.hikari}; only the file location is
 * computed here, because it depends on the data directory, which must exist before the first
 * connection opens. The schema ({@code db/sqlite/schema.sql}) is applied at start by Spring Boot's
 * SQL initialisation.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfig {

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(DataDirectory dataDirectory) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setDriverClassName(org.sqlite.JDBC.class.getName());
    dataSource.setJdbcUrl("jdbc:sqlite:" + dataDirectory.database());
    return dataSource;
  }

  /** Spring Data JDBC cannot detect SQLite by itself; without this bean it fails to start. */
  @Bean
  Dialect jdbcDialect() {
    return SqliteDialect.INSTANCE;
  }
}
