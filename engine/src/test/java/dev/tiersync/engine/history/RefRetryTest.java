package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RefRetryTest {
  @Test
  void backOff_beforeTheDeadline_sleepsBriefly() throws Exception {
    long start = System.nanoTime();

    RefRetry.backOff(10, RefRetry.deadline(), "refs/tiersync/v/x");

    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void backOff_afterTheDeadline_givesUpNamingTheRef() {
    long passed = System.currentTimeMillis() - 1;

    assertThatThrownBy(() -> RefRetry.backOff(0, passed, "refs/tiersync/lineage/abc"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("refs/tiersync/lineage/abc")
        .hasMessageContaining("giving up");
  }
}
