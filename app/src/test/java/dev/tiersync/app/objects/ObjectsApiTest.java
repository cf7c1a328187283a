package dev.tiersync.app.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.VersionArchive;
import dev.tiersync.engine.testing.Tiers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code GET/PUT /api/v1/objects/{hash}} over real HTTP against the app's history store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObjectsApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void env(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  @Autowired HistoryStore history;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aVersionPut_isStoredUnderItsHash_readBackWhole_andAPutAgainIsANoOp() throws Exception {
    ArtifactTree tree = tree("uploaded", 3);
    String hash = tree.contentHash();

    assertThat(put(hash, archive(tree), true).statusCode()).isEqualTo(201);
    assertThat(history.contains(hash)).isTrue();
    HttpResponse<byte[]> got = get(hash);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("Content-Type")).contains("application/x-tar");
    ArtifactTree back =
        VersionArchive.read(new ByteArrayInputStream(got.body()), Files.createTempDirectory("objects-test"), Long.MAX_VALUE);
    assertThat(back.contentHash()).isEqualTo(hash);
    assertThat(back.file("bin/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(back.file("link.md").mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(put(hash, archive(tree), true).statusCode()).isEqualTo(204);
    assertThat(Files.list(Path.of(TestDataHome.env(TIERS).get("TIERSYNC_HOME")).resolve("objects-incoming")))
        .as("no upload leaves its files behind")
        .isEmpty();
  }

  @Test
  void anArchiveUnderAnotherHash_orNoArchive_orABadHash_isRefused_namingTheField_andNothingIsStored() throws Exception {
    ArtifactTree tree = tree("mislabelled", 1);
    String wrong = tree("other", 1).contentHash();

    HttpResponse<byte[]> mislabelled = put(wrong, archive(tree), true);
    assertThat(mislabelled.statusCode()).isEqualTo(422);
    assertThat(problem(mislabelled).get("field").asText()).isEqualTo("hash");
    assertThat(problem(mislabelled).get("detail").asText()).contains("hashes to " + tree.contentHash());
    assertThat(history.contains(wrong)).isFalse();
    assertThat(history.contains(tree.contentHash())).isFalse();

    HttpResponse<byte[]> notTar = put(wrong, "just some text, not a tar archive".repeat(40).getBytes(StandardCharsets.UTF_8), true);
    assertThat(notTar.statusCode()).isEqualTo(400);
    assertThat(problem(notTar).get("field").asText()).isEqualTo("body");

    HttpResponse<byte[]> badHash = put("ABC", archive(tree), true);
    assertThat(badHash.statusCode()).isEqualTo(400);
    assertThat(problem(badHash).get("field").asText()).isEqualTo("hash");
  }

  @Test
  void aVersionLargerThanOtherRequestBodies_isAccepted() throws Exception {
    byte[] large = new byte[3 * 1024 * 1024];
    new java.util.Random(7).nextBytes(large);
    ArtifactTree tree =
        ArtifactTree.folder(
            List.of(
                new FileEntry("assets/blob.bin", FileMode.REGULAR, large.length, ArtifactTree.sha256Hex(large),
                    () -> new ByteArrayInputStream(large)),
                entry("SKILL.md", "# large\n", FileMode.REGULAR)));

    assertThat(put(tree.contentHash(), archive(tree), true).statusCode()).isEqualTo(201);
    assertThat(history.get(tree.contentHash()).orElseThrow().file("assets/blob.bin").readAll()).isEqualTo(large);
  }

  @Test
  void anUnknownVersion_is404_andNoTokenIs401() throws Exception {
    assertThat(get("0".repeat(64)).statusCode()).isEqualTo(404);
    assertThat(put(tree("x", 1).contentHash(), archive(tree("x", 1)), false).statusCode()).isEqualTo(401);
  }

  private static ArtifactTree tree(String name, int files) {
    List<FileEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < files; i++) {
      entries.add(entry("ref/" + name + "-" + i + ".md", "# " + name + " " + i + "\n", FileMode.REGULAR));
    }
    entries.add(entry("SKILL.md", "---\nname: " + name + "\n---\n", FileMode.REGULAR));
    entries.add(entry("bin/run.sh", "#!/bin/sh\n", FileMode.EXECUTABLE));
    entries.add(entry("link.md", "SKILL.md", FileMode.SYMLINK));
    return ArtifactTree.folder(entries);
  }

  private static FileEntry entry(String path, String content, FileMode mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(path, mode, bytes.length, ArtifactTree.sha256Hex(bytes), () -> new ByteArrayInputStream(bytes));
  }

  private static byte[] archive(ArtifactTree tree) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VersionArchive.write(tree, out);
    return out.toByteArray();
  }

  private HttpResponse<byte[]> get(String hash) throws Exception {
    return http.send(request(hash, true).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> put(String hash, byte[] body, boolean token) throws Exception {
    return http.send(
        request(hash, token).header("Content-Type", "application/x-tar").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String hash, boolean token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/objects/" + hash));
    return token ? b.header("Authorization", "Bearer " + TestDataHome.API_TOKEN) : b;
  }

  private static JsonNode problem(HttpResponse<byte[]> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
