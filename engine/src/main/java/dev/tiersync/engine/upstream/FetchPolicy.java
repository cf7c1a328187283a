package dev.tiersync.engine.upstream;

/** When {@link UpstreamCache} talks to the remote before answering from its local mirror. */
public enum FetchPolicy {
  /** Fetch first, so branches and {@code latest} are current. The default. */
  ALWAYS,
  /**
   * Answer from the mirror when the ref already resolves there (a known commit sha, or a branch at
   * its last fetched position); fetch only otherwise. Right for pinned commit shas.
   */
  IF_MISSING,
  /**
   * Never touch the network. A url that was never fetched, or a ref the mirror does not know, fails
   * with {@link UpstreamUnavailableException} because the remote was not asked.
   */
  NEVER
}
