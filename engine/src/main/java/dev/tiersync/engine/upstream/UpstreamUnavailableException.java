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

  /** "{@code what}: {@code cause}'s message (and its own cause's, when that adds something)". */
  static UpstreamUnavailableException because(String url, String what, Throwable cause) {
    return new UpstreamUnavailableException(url, what + ": " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
      message = message + " (" + cause.getMessage() + ")";
    }
    return message;
  }
}
