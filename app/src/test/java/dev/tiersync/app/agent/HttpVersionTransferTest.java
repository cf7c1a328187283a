package dev.tiersync.app.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tiersync.activities.VersionTransferException;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.VersionArchive;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.testing.Tiers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The agent's client against the running server, each side with a real history store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpVersionTransferTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  @Autowired HistoryStore server;
  @TempDir Path agentHome;
  private HistoryStore local;

  @BeforeEach
  void openLocal() {
    local = HistoryStore.open(agentHome);
  }

  @AfterEach
  void closeLocal() {
    local.close();
  }

  @Test
  void upload_storesTheVersionOnTheServerWithModesAndBytes_andAgainIsNoError() throws Exception {
    byte[] image = randomBytes(3 * 1024 * 1024, 11);
    ArtifactTree tree = tree("uploaded", image);
    String hash = local.put(tree);
    HttpVersionTransfer transfer = transfer(TestDataHome.API_TOKEN);

    transfer.upload(hash);

    ArtifactTree stored = server.get(hash).orElseThrow();
    assertThat(stored.file("bin/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(stored.file("assets/image.png").readAll()).isEqualTo(image);

    transfer.upload(hash);
    assertThat(server.contains(hash)).isTrue();
    assertThat(Files.list(staging())).as("no upload leaves its archive behind").isEmpty();
  }

  @Test
  void download_ofAVersionOnlyTheServerHolds_storesItLocallyUnderTheSameHash() throws Exception {
    byte[] image = randomBytes(64 * 1024, 12);
    String hash = server.put(tree("planned", image));
    assertThat(local.contains(hash)).isFalse();

    transfer(TestDataHome.API_TOKEN).download(hash);

    ArtifactTree got = local.get(hash).orElseThrow();
    assertThat(got.contentHash()).isEqualTo(hash);
    assertThat(got.files().keySet()).containsExactly("SKILL.md", "assets/image.png", "bin/run.sh");
    assertThat(got.file("bin/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(got.file("assets/image.png").readAll()).isEqualTo(image);
    assertThat(Files.list(staging())).as("no download leaves its files behind").isEmpty();
  }

  @Test
  void download_ofAVersionTheServerDoesNotHold_isRefusedNamingIt() throws Exception {
    String unknown = tree("nowhere", new byte[] {1}).contentHash();

    assertThatThrownBy(() -> transfer(TestDataHome.API_TOKEN).download(unknown))
        .isInstanceOf(VersionTransferException.class)
        .hasMessage("the server has no version " + unknown);
    assertThat(local.contains(unknown)).isFalse();
  }

  @Test
  void aWrongToken_isRefusedNamingTheAgentTokenSetting_andNotPrintingIt() throws Exception {
    String hash = local.put(tree("secret", new byte[] {2}));
    HttpVersionTransfer transfer = transfer("not-the-token-4711");

    assertThatThrownBy(() -> transfer.upload(hash))
        .isInstanceOf(VersionTransferException.class)
        .hasMessageContaining("refused the agent's token (TIERSYNC_AGENT_TOKEN")
        .hasMessageContaining("401")
        .hasMessageNotContaining("not-the-token-4711");
    String other = server.put(tree("other", new byte[] {3}));
    assertThatThrownBy(() -> transfer.download(other))
        .isInstanceOf(VersionTransferException.class)
        .hasMessageContaining("TIERSYNC_AGENT_TOKEN");
    assertThat(server.contains(hash)).isFalse();
  }

  @Test
  void aServerThatIsNotListening_isAnIOExceptionNamingTheServerUrlSetting() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closed);
    HttpVersionTransfer transfer = new HttpVersionTransfer(nowhere, TestDataHome.API_TOKEN, local, staging(), TIMEOUT);
    String hash = local.put(tree("offline", new byte[] {4}));

    assertThatThrownBy(() -> transfer.upload(hash))
        .isExactlyInstanceOf(IOException.class)
        .hasMessageStartingWith("cannot reach the server at " + nowhere + " (TIERSYNC_SERVER_URL)");
    assertThatThrownBy(() -> transfer.download(tree("elsewhere", new byte[] {5}).contentHash()))
        .isExactlyInstanceOf(IOException.class)
        .hasMessageContaining("TIERSYNC_SERVER_URL");
  }

  /** A server that answers with another version than the one asked for (one that lies, or a bug). */
  @Test
  void aDownloadThatHashesToAnotherName_isRefusedNamingBoth_andNotStored() throws Exception {
    ArtifactTree asked = tree("asked", new byte[] {6});
    ArtifactTree sent = tree("sent", new byte[] {7});
    HttpServer liar = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    liar.createContext(
        "/api/v1/objects/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            VersionArchive.write(sent, out);
          }
        });
    liar.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + liar.getAddress().getPort() + "/");
      HttpVersionTransfer transfer = new HttpVersionTransfer(url, TestDataHome.API_TOKEN, local, staging(), TIMEOUT);

      assertThatThrownBy(() -> transfer.download(asked.contentHash()))
          .isInstanceOf(VersionTransferException.class)
          .hasMessageContaining(asked.contentHash())
          .hasMessageContaining(sent.contentHash());
      assertThat(local.contains(asked.contentHash())).isFalse();
      assertThat(local.contains(sent.contentHash())).isFalse();
    } finally {
      liar.stop(0);
    }
  }

  private HttpVersionTransfer transfer(String token) {
    return new HttpVersionTransfer(URI.create("http://127.0.0.1:" + port), token, local, staging(), TIMEOUT);
  }

  private Path staging() {
    return agentHome.resolve("objects-staging");
  }

  private static ArtifactTree tree(String title, byte[] image) {
    return ArtifactTree.folder(
        List.of(
            ArtifactMerger.inMemory("SKILL.md", FileMode.REGULAR, ("# " + title + "\n").getBytes(StandardCharsets.UTF_8)),
            ArtifactMerger.inMemory("assets/image.png", FileMode.REGULAR, image),
            ArtifactMerger.inMemory("bin/run.sh", FileMode.EXECUTABLE, "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8))));
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
