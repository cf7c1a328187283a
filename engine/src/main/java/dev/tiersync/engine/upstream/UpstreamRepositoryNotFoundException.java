package dev.tiersync.engine.upstream;

/**
 * There is no Git repository at the upstream url: the remote answered "not found" (an https or
 * ssh server without that repository, a local path or {@code file://} url that does not exist or
 * is not a repository, a local file that is not a bundle). Permanent, unlike its parent
 * {@link UpstreamUnavailableException}: retrying the same url gives the same answer. It extends
 * that class so that callers which show an upstream as unreachable (listings, status) treat it
 * alike; activities report it as {@code NotFound}, which is not retried.
 */
public class UpstreamRepositoryNotFoundException extends UpstreamUnavailableException {
  public UpstreamRepositoryNotFoundException(String url, String message, Throwable cause) {
    super(url, message, cause);
  }
}
