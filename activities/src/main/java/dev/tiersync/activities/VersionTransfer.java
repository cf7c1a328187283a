package dev.tiersync.activities;

/**
 * Moves versions (by content hash) between an agent's local history store and the server's
 * (docs/agents.md, "How content travels"). Activities pass hashes, never contents: a host activity
 * uploads what it read before answering its hashes, and downloads a planned version before writing
 * it to a project.
 */
public interface VersionTransfer {
  /**
   * Makes sure the server holds the version the local store holds under {@code contentHash} (a
   * no-op when it already does).
   *
   * @throws java.io.IOException when the server cannot be reached (worth a retry)
   * @throws VersionTransferException for a refusal that a retry cannot mend (the local store has no
   *     such version, wrong token, the server refused the archive)
   */
  void upload(String contentHash) throws java.io.IOException;

  /**
   * Makes sure the local store holds the version {@code contentHash}, downloading it and checking
   * its hash when missing.
   *
   * @throws java.io.IOException when the server cannot be reached (worth a retry)
   * @throws VersionTransferException for a refusal that a retry cannot mend (missing on the
   *     server, wrong token, hash mismatch)
   */
  void download(String contentHash) throws java.io.IOException;
}
