package dev.tiersync.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNameTest {
  @Test
  void aPlainHostName_isItsOwnInstanceId() {
    assertThat(HostName.asId("build-7.example.org")).isEqualTo("build-7.example.org");
  }

  @Test
  void aHostNameThatIsNoValidId_becomesOne_insteadOfFailingStartUp() {
    String longName = "node-" + "a".repeat(80) + ".cluster.local";

    assertThat(HostName.asId(longName)).hasSize(HostName.MAX_LENGTH).startsWith("node-aaa");
    assertThat(HostName.asId("_weird host:1")).isEqualTo("weird-host-1");
    assertThat(HostName.asId("---")).isEqualTo("localhost");
    assertThat(HostName.local()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  }
}
