package dev.tiersync.app.store;

import java.sql.JDBCType;
import java.time.Instant;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.mapping.JdbcValue;

/**
 * The job store keeps timestamps as BIGINT milliseconds since the epoch (UTC) in both databases
 * (the {@code *_at} columns of {@code db/migration}): one representation that SQLite, which has no
 * time type, and PostgreSQL store alike. These converters let entities use {@link Instant} fields.
 */
final class EpochMillis {
  static final List<Object> CONVERTERS = List.of(InstantToEpochMillis.INSTANCE, EpochMillisToInstant.INSTANCE);

  private EpochMillis() {}

  /**
   * Writes a BIGINT explicitly: Spring Data JDBC would otherwise send the value typed as a
   * TIMESTAMP (its JDBC type for any {@code Temporal} property), which SQLite ignores but
   * PostgreSQL refuses for a BIGINT column.
   */
  @WritingConverter
  enum InstantToEpochMillis implements Converter<Instant, JdbcValue> {
    INSTANCE;

    @Override
    public JdbcValue convert(Instant source) {
      return JdbcValue.of(source.toEpochMilli(), JDBCType.BIGINT);
    }
  }

  @ReadingConverter
  enum EpochMillisToInstant implements Converter<Long, Instant> {
    INSTANCE;

    @Override
    public Instant convert(Long source) {
      return Instant.ofEpochMilli(source);
    }
  }
}
