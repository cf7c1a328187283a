package dev.tiersync.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class StorageFullTest {

  @Test
  void recognisesEnospcEdquotAndSqliteFull_howeverWrapped() {
    assertThat(StorageFull.in(new FileSystemException("/d/x", null, "No space left on device"))).isTrue();
    assertThat(StorageFull.in(new UncheckedIOException("cannot append", new IOException("No space left on device")))).isTrue();
    assertThat(StorageFull.in(new RuntimeException(new FileSystemException("/d/x", null, "Disk quota exceeded")))).isTrue();
    assertThat(
            StorageFull.in(
                new IllegalStateException(
                    new DataAccessResourceFailureException(
                        "x", new SQLiteException("[SQLITE_FULL] database or disk is full", SQLiteErrorCode.SQLITE_FULL)))))
        .isTrue();
    RuntimeException suppressed = new RuntimeException("rollback failed");
    suppressed.addSuppressed(new IOException("No space left on device"));
    assertThat(StorageFull.in(suppressed)).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(StorageFull.in(new AccessDeniedException("/d/x"))).isFalse();
    assertThat(StorageFull.in(new IOException("Broken pipe"))).isFalse();
    assertThat(StorageFull.in(new SQLiteException("[SQLITE_BUSY] database is locked", SQLiteErrorCode.SQLITE_BUSY))).isFalse();
    assertThat(StorageFull.in(new IllegalArgumentException("No space left on device"))).isFalse();
  }
}
