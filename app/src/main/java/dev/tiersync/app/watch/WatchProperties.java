package dev.tiersync.app.watch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The drift watch's settings.
 *
 * @param interval time between two passes of a collection's watch; zero turns the watch off;
 *     {@code SYNC_WATCH_INTERVAL}
 * @param webhooks URLs that receive the transition events; {@code SYNC_WEBHOOKS}
 * @param webhookSecret the HMAC key of the webhook signature; blank: generated into the data dir;
 *     {@code SYNC_WEBHOOK_SECRET}
 */
@ConfigurationProperties("tiersync.watch")
public record WatchProperties(Duration interval, List<URI> webhooks, String webhookSecret) {

  public WatchProperties {
    interval = interval == null ? Duration.ofMinutes(10) : interval;
    if (interval.isNegative() || !interval.isZero() && interval.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "tiersync.watch.interval (SYNC_WATCH_INTERVAL) must be 0 (off) or at least 1s, was "
              + interval);
    }
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    for (URI url : webhooks) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException(
            "tiersync.watch.webhooks (SYNC_WEBHOOKS) must be http or https URLs, got '" + url + "'");
      }
    }
    webhookSecret = webhookSecret == null ? "" : webhookSecret.strip();
  }

  /** Whether the watch runs at all. */
  public boolean enabled() {
    return !interval.isZero();
  }

  /** The secret is not for logs. */
  @Override
  public String toString() {
    return "WatchProperties[interval=" + interval + ", webhooks=" + webhooks + ", webhookSecret=<"
        + (webhookSecret.isEmpty() ? "generated" : "set") + ">]";
  }
}
