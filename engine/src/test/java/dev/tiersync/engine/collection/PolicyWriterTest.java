package dev.tiersync.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.ArtifactPolicy.AutoUpdate;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyWriterTest {
  private static final ArtifactId CANVAS = ArtifactId.parse("skill:canvas-design");
  private static final ArtifactId REVIEW = ArtifactId.parse("command:review");
  private static final Instant UNTIL = Instant.parse("2030-01-31T00:00:00Z");

  @TempDir Path tmp;
  private CollectionLayout collection;
  private final PolicyWriter writer = new PolicyWriter();

  @BeforeEach
  void collection() throws IOException {
    collection = new CollectionLayout(tmp.resolve("default"));
    Files.createDirectories(collection.root());
    try (InputStream in =
        getClass().getResourceAsStream("/skillmeat/collection-github/collection.toml")) {
      Files.write(collection.manifestFile(), in.readAllBytes());
    }
    // A key SkillMeat does not know, which tiersync must keep as written.
    append("team_owner = \"ada\"\n");
  }

  @Test
  void write_holdAndAutoUpdate_readsBackAndChangesNoOtherLine() throws IOException {
    List<String> before = lines();

    Optional<ArtifactPolicy> written =
        writer.write(
            collection, CANVAS,
            p -> p.heldFor("waiting for the security review", UNTIL)
                .withAutoUpdate(AutoUpdate.CLEAN));

    ArtifactPolicy expected =
        new ArtifactPolicy(true, "waiting for the security review", UNTIL, AutoUpdate.CLEAN);
    assertThat(written).contains(expected);
    assertThat(CollectionManifest.load(collection.manifestFile()).policy(CANVAS))
        .isEqualTo(expected);
    assertThat(policyOf(REVIEW)).isEqualTo(ArtifactPolicy.NONE);
    List<String> after = lines();
    List<String> added = new ArrayList<>(after);
    before.forEach(added::remove);
    assertThat(added)
        .containsExactly(
            "hold = true",
            "hold_reason = \"waiting for the security review\"",
            "hold_until = \"2030-01-31T00:00:00\"",
            "auto_update = \"clean\"");
    assertThat(after.stream().filter(l -> !added.contains(l)).toList()).isEqualTo(before);
  }

  @Test
  void write_release_removesTheHoldKeysAndKeepsAutoUpdate() throws IOException {
    String original = Files.readString(collection.manifestFile());
    writer.write(collection, CANVAS, p -> p.heldFor("x", UNTIL).withAutoUpdate(AutoUpdate.CLEAN));

    writer.write(collection, CANVAS, ArtifactPolicy::released);

    assertThat(policyOf(CANVAS))
        .isEqualTo(new ArtifactPolicy(false, null, null, AutoUpdate.CLEAN));
    assertThat(Files.readString(collection.manifestFile())).doesNotContain("\nhold");

    writer.write(collection, CANVAS, p -> p.withAutoUpdate(AutoUpdate.OFF));

    assertThat(Files.readString(collection.manifestFile())).isEqualTo(original);
  }

  @Test
  void write_writtenDefaults_areRemoved() throws IOException {
    String text = Files.readString(collection.manifestFile());
    Files.writeString(
        collection.manifestFile(),
        text.replace(
            "path = \"agents/helper.md\"\n",
            "path = \"agents/helper.md\"\nhold = false\nauto_update = \"off\"\n"));
    ArtifactId helper = ArtifactId.parse("agent:helper");

    writer.write(collection, helper, p -> p.withAutoUpdate(AutoUpdate.OFF));

    assertThat(Files.readString(collection.manifestFile()))
        .doesNotContain("hold = false")
        .doesNotContain("auto_update");
  }

  @Test
  void read_keysDroppedBySkillMeat_takesTheSidecarCopyForTheSameUpstream() throws IOException {
    byte[] skillMeats = Files.readAllBytes(collection.manifestFile());
    writer.write(collection, CANVAS, p -> p.heldFor("review", null));
    assertThat(Files.readString(collection.sidecarFile())).contains("[policies.\"skill:canvas-design\"]");

    // SkillMeat rewrites collection.toml from its own data classes, without tiersync's keys.
    Files.write(collection.manifestFile(), skillMeats);

    assertThat(policyOf(CANVAS)).isEqualTo(new ArtifactPolicy(true, "review", null, null));

    // The same artifact added again from another upstream does not inherit the hold.
    Files.writeString(
        collection.manifestFile(),
        new String(skillMeats, StandardCharsets.UTF_8)
            .replace("anthropics/skills/tree", "someone-else/skills/tree"));
    assertThat(policyOf(CANVAS)).isEqualTo(ArtifactPolicy.NONE);
  }

  @Test
  void read_keysInTheFile_winOverTheSidecarCopy() throws IOException {
    writer.write(collection, CANVAS, p -> p.heldFor("review", null));
    String text = Files.readString(collection.manifestFile());
    Files.writeString(
        collection.manifestFile(),
        text.replace("hold = true\nhold_reason = \"review\"\n", "auto_update = \"clean\"\n"));

    assertThat(policyOf(CANVAS))
        .isEqualTo(new ArtifactPolicy(false, null, null, AutoUpdate.CLEAN));
  }

  @Test
  void read_badPolicyValues_makeOnlyThatEntryInvalid() throws IOException {
    String text = Files.readString(collection.manifestFile());
    Files.writeString(
        collection.manifestFile(),
        text.replace(
                "path = \"commands/review.md\"\n",
                "path = \"commands/review.md\"\nauto_update = \"sometimes\"\n")
            .replace("path = \"agents/helper.md\"\n", "path = \"agents/helper.md\"\nhold = \"yes\"\n"));

    CollectionManifest manifest = CollectionManifest.load(collection.manifestFile());

    assertThat(manifest.artifacts())
        .extracting(ManifestArtifact::id)
        .containsExactly(ArtifactId.parse("skill:pdf-tools"), CANVAS);
    assertThat(manifest.invalidEntries())
        .extracting(InvalidEntry::message)
        .containsExactly(
            "collection.toml:24: artifacts[1].auto_update: must be \"off\" or \"clean\", got 'sometimes'",
            "collection.toml:38: artifacts[2].hold: must be true or false");
    assertThatThrownBy(() -> writer.write(collection, REVIEW, ArtifactPolicy::released))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining("auto_update");
    assertThat(Files.readString(collection.manifestFile())).contains("auto_update = \"sometimes\"");
  }

  @Test
  void write_unlistedArtifactOrCollection_writesNothing() throws IOException {
    byte[] before = Files.readAllBytes(collection.manifestFile());

    assertThat(writer.write(collection, ArtifactId.parse("skill:absent"), p -> p.heldFor(null, null)))
        .isEmpty();
    assertThat(Files.readAllBytes(collection.manifestFile())).isEqualTo(before);
    assertThat(collection.sidecarFile()).doesNotExist();
    assertThatThrownBy(
            () ->
                writer.write(
                    new CollectionLayout(tmp.resolve("none")), CANVAS, p -> p.heldFor(null, null)))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void write_sixteenAtOnceOnDifferentArtifacts_losesNone() throws Exception {
    CollectionManifest manifest =
        CollectionManifest.create("default", Instant.parse("2026-12-01T00:00:00Z"));
    List<ArtifactId> ids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ArtifactId id = ArtifactId.parse("skill:s" + i);
      ids.add(id);
      manifest.upsert(ManifestArtifact.local(id, Instant.parse("2026-12-01T00:00:00Z")));
    }
    manifest.save(collection.manifestFile());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<ArtifactPolicy>>> writes = new ArrayList<>();
    try {
      for (ArtifactId id : ids) {
        writes.add(
            pool.submit(
                () -> {
                  start.await();
                  return writer.write(collection, id, p -> p.heldFor("hold " + id, null));
                }));
      }
      start.countDown();
      for (Future<Optional<ArtifactPolicy>> w : writes) {
        assertThat(w.get(2, TimeUnit.MINUTES)).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }

    CollectionManifest read = CollectionManifest.load(collection.manifestFile());
    var copies = CollectionSidecar.policies(CollectionSidecar.load(collection.sidecarFile()));
    for (ArtifactId id : ids) {
      ArtifactPolicy expected = new ArtifactPolicy(true, "hold " + id, null, null);
      assertThat(read.policy(id)).as("collection.toml, %s", id).isEqualTo(expected);
      assertThat(copies.find(id).orElseThrow().policy()).as("sidecar, %s", id).isEqualTo(expected);
    }
  }

  private ArtifactPolicy policyOf(ArtifactId id) throws IOException {
    CollectionManifest manifest = CollectionManifest.load(collection.manifestFile());
    manifest.useSidecar(CollectionSidecar.load(collection.sidecarFile()));
    return manifest.policy(id);
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(collection.manifestFile());
  }

  private void append(String text) throws IOException {
    String toml = Files.readString(collection.manifestFile());
    Files.writeString(
        collection.manifestFile(),
        toml.replace("origin = \"github\"\n", "origin = \"github\"\n" + text));
  }
}
