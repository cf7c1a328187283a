package dev.tiersync.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchPropertiesTest {

  @Test
  void zeroTurnsTheWatchOff_andTheDefaultIsTenMinutes() {
    assertThat(new WatchProperties(Duration.ZERO, null, null).enabled()).isFalse();
    WatchProperties defaults = new WatchProperties(null, null, null);
    assertThat(defaults.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.webhooks()).isEmpty();
    assertThat(defaults.webhookSecret()).isEmpty();
  }

  @Test
  void anIntervalUnderASecond_orNegative_isRefusedNamingTheVariable() {
    assertThatThrownBy(() -> new WatchProperties(Duration.ofMillis(500), null, null))
        .hasMessageContaining("SYNC_WATCH_INTERVAL")
        .hasMessageContaining("at least 1s");
    assertThatThrownBy(() -> new WatchProperties(Duration.ofSeconds(-1), null, null))
        .hasMessageContaining("SYNC_WATCH_INTERVAL");
  }

  @Test
  void aWebhookThatIsNotHttp_isRefusedNamingIt() {
    assertThatThrownBy(
            () -> new WatchProperties(null, List.of(URI.create("file:///etc/passwd")), null))
        .hasMessageContaining("SYNC_WEBHOOKS")
        .hasMessageContaining("file:///etc/passwd");
    assertThat(new WatchProperties(null, List.of(URI.create("https://hooks.example/x")), null).webhooks())
        .hasSize(1);
  }

  @Test
  void theSecretNeverReachesToString() {
    assertThat(new WatchProperties(null, null, "s3cret-value").toString())
        .doesNotContain("s3cret-value")
        .contains("webhookSecret=<set>");
  }
}
