package dev.tiersync.engine.upstream;

import java.io.IOException;

/**
 * The upstream repository could not be reached or read: network down, host or repository missing,
 * authentication refused, or fetching was disabled and the cache cannot answer. Treated as
 * transient: a later retry may succeed.
 */
public class UpstreamUnavailableException extends IOException {
  private final String url;

  public UpstreamUnavailableException(String url, String message, Throwable cause) {
    super(message, cause);
    this.url = url;
  }

  /** The upstream url as the caller gave it. */
  public String url() {
    return url;
  }
}
