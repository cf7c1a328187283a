package dev.tiersync.engine.upstream;

import java.time.Duration;

/**
 * A fetch bounded by a time limit did not finish within it: the remote answers too slowly or not
 * at all. It extends {@link UpstreamUnavailableException} so that callers which only know
 * "unreachable" treat it alike; callers that answer a request tell the two apart.
 */
public class UpstreamTimeoutException extends UpstreamUnavailableException {
  private final Duration limit;

  public UpstreamTimeoutException(String url, Duration limit, Throwable cause) {
    super(url, "fetching " + url + " took longer than " + limit.toSeconds() + " s", cause);
    this.limit = limit;
  }

  /** The time the fetch was allowed. */
  public Duration limit() {
    return limit;
  }
}
