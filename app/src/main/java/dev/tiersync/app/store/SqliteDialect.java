package dev.tiersync.app.store;

import java.util.List;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;
import org.springframework.data.relational.core.sql.LockOptions;

/**
 * Spring Data JDBC dialect for SQLite.
 *
 * <p>Timestamps are stored as milliseconds since the epoch ({@link EpochMillis}).
 */
final class SqliteDialect extends AbstractDialect implements JdbcDialect {

  static final SqliteDialect INSTANCE = new SqliteDialect();

  private static final LimitClause LIMIT_CLAUSE =
      new LimitClause() {
        @Override
        public String getLimit(long limit) {
          return "LIMIT " + limit;
        }

        @Override
        public String getOffset(long offset) {
          // SQLite accepts OFFSET only after a LIMIT; a negative limit means "no limit".
          return "LIMIT -1 OFFSET " + offset;
        }

        @Override
        public String getLimitOffset(long limit, long offset) {
          return "LIMIT " + limit + " OFFSET " + offset;
        }

        @Override
        public Position getClausePosition() {
          return Position.AFTER_ORDER_BY;
        }
      };

  private static final LockClause LOCK_CLAUSE =
      new LockClause() {
        @Override
        public String getLock(LockOptions lockOptions) {
          // SQLite has no row locks (no SELECT ... FOR UPDATE): a write transaction locks the
          // whole database, so the clause is empty.
          return "";
        }

        @Override
        public Position getClausePosition() {
          return Position.AFTER_ORDER_BY;
        }
      };

  private static final IdentifierProcessing IDENTIFIER_PROCESSING =
      IdentifierProcessing.create(Quoting.ANSI, LetterCasing.AS_IS);

  private SqliteDialect() {}

  @Override
  public LimitClause limit() {
    return LIMIT_CLAUSE;
  }

  @Override
  public LockClause lock() {
    return LOCK_CLAUSE;
  }

  @Override
  public IdentifierProcessing getIdentifierProcessing() {
    return IDENTIFIER_PROCESSING;
  }

  @Override
  public List<Object> getConverters() {
    return EpochMillis.CONVERTERS;
  }
}
