package dev.tiersync.app.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;

/** Spring Data JDBC's PostgreSQL dialect, with timestamps as epoch milliseconds ({@link EpochMillis}). */
final class EpochMillisPostgresDialect extends JdbcPostgresDialect {
  static final EpochMillisPostgresDialect INSTANCE = new EpochMillisPostgresDialect();

  private EpochMillisPostgresDialect() {}

  @Override
  public Collection<Object> getConverters() {
    List<Object> converters = new ArrayList<>(super.getConverters());
    converters.addAll(EpochMillis.CONVERTERS);
    return converters;
  }
}
