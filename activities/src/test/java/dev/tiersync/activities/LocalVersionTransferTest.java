package dev.tiersync.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.merge.ArtifactMerger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions copied between an in-process agent's history store and the server's, both real. */
class LocalVersionTransferTest {
  @TempDir Path tmp;
  private HistoryStore agent;
  private HistoryStore server;
  private LocalVersionTransfer transfer;

  @BeforeEach
  void stores() {
    agent = HistoryStore.open(tmp.resolve("agent"));
    server = HistoryStore.open(tmp.resolve("server"));
    transfer = new LocalVersionTransfer(agent, server);
  }

  @AfterEach
  void close() {
    agent.close();
    server.close();
  }

  @Test
  void upload_putsTheAgentsVersionIntoTheServersStore_andAgainIsANoOp() throws Exception {
    ArtifactTree tree = tree("read on the host");
    String hash = agent.put(tree);

    transfer.upload(hash);
    transfer.upload(hash);

    ArtifactTree stored = server.get(hash).orElseThrow();
    assertThat(stored.contentHash()).isEqualTo(hash);
    assertThat(stored.file("bin/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
  }

  @Test
  void download_putsTheServersVersionIntoTheAgentsStore_andAgainIsANoOp() throws Exception {
    String hash = server.put(tree("planned"));

    transfer.download(hash);
    transfer.download(hash);

    assertThat(agent.get(hash).orElseThrow().file("SKILL.md").readAll())
        .isEqualTo("# planned\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aVersionMissingOnTheOtherSide_isRefusedNamingTheHash() {
    String unknown = tree("nowhere").contentHash();

    assertThatThrownBy(() -> transfer.download(unknown))
        .isInstanceOf(VersionTransferException.class)
        .hasMessage("the server has no version " + unknown);
    assertThatThrownBy(() -> transfer.upload(unknown))
        .isInstanceOf(VersionTransferException.class)
        .hasMessageContaining("the local history store has no version " + unknown);
  }

  private static ArtifactTree tree(String title) {
    return ArtifactTree.folder(
        List.of(
            ArtifactMerger.inMemory("SKILL.md", FileMode.REGULAR, ("# " + title + "\n").getBytes(StandardCharsets.UTF_8)),
            ArtifactMerger.inMemory("bin/run.sh", FileMode.EXECUTABLE, "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8))));
  }
}
