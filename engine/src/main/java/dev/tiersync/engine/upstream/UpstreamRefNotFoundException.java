package dev.tiersync.engine.upstream;

/**
 * The upstream was reached but the requested ref or commit does not exist there, or the request
 * names an unsafe path ({@code ..} segments, absolute) or reaches unsafe entries. Permanent:
 * retrying the same request gives the same answer.
 */
public class UpstreamRefNotFoundException extends RuntimeException {
  private final String url;
  private final String ref;
  private final String path;

  public UpstreamRefNotFoundException(String url, String ref, String path, String message) {
    super(message);
    this.url = url;
    this.ref = ref;
    this.path = path;
  }

  /** The upstream url as the caller gave it. */
  public String url() {
    return url;
  }

  /** The ref or commit asked for; null when not relevant. */
  public String ref() {
    return ref;
  }

  /** The path inside the repository; null when not relevant. */
  public String path() {
    return path;
  }
}
