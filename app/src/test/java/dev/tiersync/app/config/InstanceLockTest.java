package dev.tiersync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
  @TempDir Path dir;

  @Test
  void anIdHeldByARunningInstance_cannotBeClaimedAgain_untilItIsReleased() throws Exception {
    InstanceLock first = InstanceLock.claim(dir, "node-a");

    assertThatThrownBy(() -> InstanceLock.claim(dir, "node-a"))
        .isInstanceOf(DataDirectory.UnusableDataDirectoryException.class)
        .hasMessageContaining("another running instance has the id 'node-a'");
    try (InstanceLock other = InstanceLock.claim(dir, "node-b")) {
      assertThat(dir.resolve("instance-node-b.lock")).exists();
    }

    first.close();
    InstanceLock.claim(dir, "node-a").close();
  }
}
