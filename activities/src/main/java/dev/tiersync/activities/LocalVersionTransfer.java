package dev.tiersync.activities;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import java.io.IOException;

/**
 * A {@link VersionTransfer} between two history stores of one process: for tests that run an
 * agent in-process with a store of its own beside the server's. It checks a downloaded version's
 * hash like the HTTP client does.
 */
public final class LocalVersionTransfer implements VersionTransfer {
  private final HistoryStore local;
  private final HistoryStore server;

  /**
   * @param local the agent's store
   * @param server the server's store
   */
  public LocalVersionTransfer(HistoryStore local, HistoryStore server) {
    this.local = local;
    this.server = server;
  }

  @Override
  public void upload(String contentHash) throws IOException {
    if (server.contains(contentHash)) {
      return;
    }
    ArtifactTree tree =
        local
            .get(contentHash)
            .orElseThrow(() -> new VersionTransferException("the local history store has no version " + contentHash + " to upload"));
    server.put(tree);
  }

  @Override
  public void download(String contentHash) throws IOException {
    if (local.contains(contentHash)) {
      return;
    }
    ArtifactTree tree =
        server.get(contentHash).orElseThrow(() -> new VersionTransferException("the server has no version " + contentHash));
    if (!tree.contentHash().equals(contentHash)) {
      throw VersionTransferException.mismatch(contentHash, tree.contentHash());
    }
    local.put(tree);
  }
}
