package dev.tiersync.activities;

/** Moves versions (by content hash) between an agent's local history store and the server's. */
public interface VersionTransfer {
  /**
   * Makes sure the server holds the version the local store holds under contentHash (a no-op when
   * it already does).
   *
   * @throws java.io.IOException when the server cannot be reached (worth a retry)
   */
  void upload(String contentHash) throws java.io.IOException;

  /**
   * Makes sure the local store holds the version contentHash, downloading it and checking its hash
   * when missing.
   *
   * @throws java.io.IOException when the server cannot be reached
   * @throws VersionTransferException for a refusal that a retry cannot mend (missing on the server,
   *     wrong token, hash mismatch)
   */
  void download(String contentHash) throws java.io.IOException;
}
