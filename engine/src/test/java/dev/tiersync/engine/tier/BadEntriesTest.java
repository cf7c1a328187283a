package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad entry in a tier file never makes the whole file unreadable: it is kept, exactly as
 * written (the entries here are laid out as SkillMeat writes TOML), as an {@link InvalidEntry} (with the artifact it names when that can be told), the
 * other entries are read and written as usual, and no write touches it.
 */
class BadEntriesTest {
  private static final ArtifactId GOOD_ONE = ArtifactId.parse("skill:good-one");
  private static final ArtifactId GOOD_TWO = ArtifactId.parse("command:good-two");
  private static final ArtifactId ESCAPES = ArtifactId.parse("skill:escapes");
  private static final ArtifactId TYPED = ArtifactId.parse("command:typed");
  private static final ArtifactId STAMPED = ArtifactId.parse("agent:stamped");
  private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  private static final String HEAD =
      """
      [collection]
      name = "team"
      version = "1.0.0"
      """;
  private static final String GOOD_ONE_ENTRY =
      """
      [[artifacts]]
      name = "good-one"
      type = "skill"
      path = "skills/good-one"
      origin = "local"
      """;
  private static final String NAME_ESCAPES =
      """
      [[artifacts]]
      name = "../../etc"
      type = "skill"
      origin = "local"
      """;
  private static final String PATH_ESCAPES =
      """
      [[artifacts]]
      name = "escapes"
      type = "skill"
      path = "../outside"
      origin = "local"
      """;
  private static final String NAME_NOT_A_STRING =
      """
      [[artifacts]]
      name = 42
      type = "skill"
      origin = "local"
      """;
  private static final String DUPLICATE =
      """
      [[artifacts]]
      name = "good-one"
      type = "skill"
      path = "skills/good-one"
      origin = "local"
      tags = [
          "dup",
      ]
      """;
  private static final String TAGS_NOT_A_LIST =
      """
      [[artifacts]]
      name = "typed"
      type = "command"
      origin = "local"
      tags = "not-a-list"
      """;
  private static final String ADDED_NOT_A_DATE =
      """
      [[artifacts]]
      name = "stamped"
      type = "agent"
      origin = "local"
      added = 5
      """;
  private static final String UNKNOWN_TYPE =
      """
      [[artifacts]]
      name = "typo"
      type = "skil"
      origin = "local"
      """;
  private static final String GOOD_TWO_ENTRY =
      """
      [[artifacts]]
      name = "good-two"
      type = "command"
      origin = "local"
      """;

  private static final List<String> BAD_MANIFEST_ENTRIES =
      List.of(
          NAME_ESCAPES,
          PATH_ESCAPES,
          NAME_NOT_A_STRING,
          DUPLICATE,
          TAGS_NOT_A_LIST,
          ADDED_NOT_A_DATE,
          UNKNOWN_TYPE);

  @TempDir Path tmp;

  private Path manifestFile() throws IOException {
    return Fixtures.write(
        tmp.resolve("collection.toml"),
        String.join(
            "\n",
            HEAD,
            GOOD_ONE_ENTRY,
            NAME_ESCAPES,
            PATH_ESCAPES,
            NAME_NOT_A_STRING,
            DUPLICATE,
            TAGS_NOT_A_LIST,
            ADDED_NOT_A_DATE,
            UNKNOWN_TYPE,
            GOOD_TWO_ENTRY));
  }

  @Test
  void manifest_badEntries_areKeptAsInvalidEntriesAndTheOthersRead() throws IOException {
    Path file = manifestFile();

    CollectionManifest manifest = CollectionManifest.load(file);

    assertThat(manifest.artifacts())
        .extracting(ManifestArtifact::id)
        .containsExactly(GOOD_ONE, GOOD_TWO);
    List<InvalidEntry> bad = manifest.invalidEntries();
    assertThat(bad).extracting(InvalidEntry::file).containsOnly(file);
    assertThat(bad)
        .extracting(InvalidEntry::field)
        .containsExactly(
            "artifacts[1].name",
            "artifacts[2].path",
            "artifacts[3].name",
            "artifacts[4]",
            "artifacts[5].tags",
            "artifacts[6].added",
            "artifacts[7].type");
    assertThat(bad)
        .extracting(InvalidEntry::artifactId)
        .containsExactly(null, ESCAPES, null, GOOD_ONE, TYPED, STAMPED, null);
    assertThat(bad).extracting(InvalidEntry::line).containsExactly(11, 16, 22, 27, 36, 42, 48);
    assertThat(bad.get(0).reason()).contains("must not contain '/'");
    assertThat(bad.get(1).reason()).contains("must not leave its root").contains("../outside");
    assertThat(bad.get(2).reason()).isEqualTo("must be a string");
    assertThat(bad.get(3).reason()).contains("second entry for skill:good-one").contains("artifacts[0]");
    assertThat(bad.get(4).reason()).contains("list of strings");
    assertThat(bad.get(5).reason()).contains("date-time");
    assertThat(bad.get(6).reason()).contains("unknown artifact type 'skil'");
    assertThat(bad.get(1).message())
        .isEqualTo(
            "collection.toml:16: artifacts[2].path: must not leave its root ('..'), got"
                + " '../outside'");
  }

  @Test
  void manifest_rewrite_keepsEveryBadEntryAsWritten() throws IOException {
    Path file = manifestFile();
    CollectionManifest manifest = CollectionManifest.load(file);

    manifest.upsert(manifest.find(GOOD_TWO).orElseThrow().withResolved("abc", "v1", NOW));
    manifest.upsert(ManifestArtifact.local(ArtifactId.parse("skill:new-one"), NOW));
    manifest.save(file);

    String text = Fixtures.read(file);
    for (String entry : BAD_MANIFEST_ENTRIES) {
      assertThat(text).contains(entry);
    }
    CollectionManifest again = CollectionManifest.load(file);
    assertThat(again.invalidEntries()).hasSize(BAD_MANIFEST_ENTRIES.size());
    assertThat(again.artifacts())
        .extracting(ManifestArtifact::id)
        .containsExactly(GOOD_ONE, GOOD_TWO, ArtifactId.parse("skill:new-one"));
    assertThat(again.find(GOOD_TWO).orElseThrow().resolvedSha()).isEqualTo("abc");
  }

  @Test
  void manifest_writeToAnArtifactWithABadEntry_isRefusedAndChangesNothing() throws IOException {
    Path file = manifestFile();
    String before = Fixtures.read(file);
    CollectionManifest manifest = CollectionManifest.load(file);

    for (ArtifactId id : List.of(ESCAPES, GOOD_ONE, TYPED)) {
      assertThatThrownBy(() -> manifest.upsert(ManifestArtifact.local(id, NOW)))
          .isInstanceOfSatisfying(
              InvalidTierFileException.class,
              e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.line()).isNotNull();
              })
          .hasMessageContaining(id.toString());
    }
    manifest.save(file);

    assertThat(CollectionManifest.load(file).invalidEntries()).hasSize(BAD_MANIFEST_ENTRIES.size());
    assertThat(Fixtures.structure(file)).isEqualTo(structureOf(before));
  }

  private static final String GOOD_DEPLOYED =
      """
      [[deployed]]
      artifact_name = "good-one"
      artifact_type = "skill"
      from_collection = "default"
      deployed_at = "2026-11-23T23:14:24"
      artifact_path = "skills/good-one"
      content_hash = "h1"
      """;
  private static final String HOSTILE_NAME =
      """
      [[deployed]]
      artifact_name = "../../../home"
      artifact_type = "skill"
      from_collection = "default"
      deployed_at = "2026-11-23T23:14:24"
      content_hash = "h2"
      """;
  private static final String HOSTILE_PATH =
      """
      [[deployed]]
      artifact_name = "sneaky"
      artifact_type = "skill"
      from_collection = "default"
      deployed_at = "2026-11-23T23:14:24"
      artifact_path = "../../outside"
      content_hash = "h3"
      """;
  private static final String WRONG_TYPES =
      """
      [[deployed]]
      artifact_name = "typed"
      artifact_type = "command"
      from_collection = 7
      deployed_at = true
      content_hash = [
          "h4",
      ]
      """;
  private static final String OTHER_GOOD_DEPLOYED =
      """
      [[deployed]]
      artifact_name = "good-two.md"
      artifact_type = "command"
      from_collection = "default"
      deployed_at = "2026-11-23T23:14:24"
      content_hash = "h5"
      """;

  private Path trackingFile() throws IOException {
    return Fixtures.write(
        tmp.resolve(".skillmeat-deployed.toml"),
        String.join("\n", GOOD_DEPLOYED, HOSTILE_NAME, HOSTILE_PATH, WRONG_TYPES, OTHER_GOOD_DEPLOYED));
  }

  @Test
  void tracking_hostileEntries_areKeptAsInvalidEntriesAndTheOthersRead() throws IOException {
    Path file = trackingFile();

    DeploymentTracking tracking = DeploymentTracking.load(file);

    assertThat(tracking.entries())
        .extracting(DeployedArtifact::id)
        .containsExactly(GOOD_ONE, GOOD_TWO);
    assertThat(tracking.invalidEntries())
        .extracting(InvalidEntry::field)
        .containsExactly(
            "deployed[1].artifact_name", "deployed[2].artifact_path", "deployed[3].content_hash");
    assertThat(tracking.invalidEntries())
        .extracting(InvalidEntry::artifactId)
        .containsExactly(null, ArtifactId.parse("skill:sneaky"), TYPED);
    assertThat(tracking.invalidEntries()).extracting(InvalidEntry::line).containsExactly(9, 16, 24);
  }

  @Test
  void tracking_rewrite_keepsHostileEntriesAsWrittenAndRefusesToTouchThem() throws IOException {
    Path file = trackingFile();
    DeploymentTracking tracking = DeploymentTracking.load(file);

    tracking.upsert(tracking.find(GOOD_ONE).orElseThrow().redeployed("h9", NOW, false));
    tracking.remove(GOOD_TWO);
    assertThatThrownBy(() -> tracking.remove(ArtifactId.parse("skill:sneaky")))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining("deployed[2].artifact_path");
    assertThatThrownBy(
            () -> tracking.upsert(DeployedArtifact.of(TYPED, "default", "h0", NOW)))
        .isInstanceOf(InvalidTierFileException.class)
        .hasMessageContaining("command:typed");
    tracking.save(file);

    String text = Fixtures.read(file);
    for (String entry : List.of(HOSTILE_NAME, HOSTILE_PATH, WRONG_TYPES)) {
      assertThat(text).contains(entry);
    }
    DeploymentTracking again = DeploymentTracking.load(file);
    assertThat(again.entries()).extracting(DeployedArtifact::id).containsExactly(GOOD_ONE);
    assertThat(again.find(GOOD_ONE).orElseThrow().contentHash()).isEqualTo("h9");
    assertThat(again.invalidEntries()).hasSize(3);
  }

  @Test
  void notToml_isUnreadableAsAWhole_namingFileAndLine() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve(".skillmeat-deployed.toml"),
            GOOD_DEPLOYED + "\n[[deployed]\nartifact_name = \"x\"\n");

    assertThatThrownBy(() -> DeploymentTracking.load(file))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(9);
              assertThat(e.field()).isNull();
            })
        .hasMessageContaining(file + ":9: not valid TOML");
  }

  @Test
  void notUtf8_isUnreadableAsAWhole_namingFileAndLine() throws IOException {
    Path file = tmp.resolve("collection.toml");
    Files.write(
        file,
        new byte[] {'[', 'c', ']', '\n', 'n', ' ', '=', ' ', '"', (byte) 0xff, '"', '\n'});

    assertThatThrownBy(() -> CollectionManifest.load(file))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(2);
            })
        .hasMessageContaining("not valid UTF-8");
  }

  @Test
  void lock_badEntries_areKeptAndTheOthersUsable() throws IOException {
    String badKey = "[lock.entries.review]\ncontent_hash = \"h\"\n";
    String badHash = "[lock.entries.\"typed::command\"]\nfetched = \"2026-11-01T10:00:00\"\n";
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"),
            "[lock]\nversion = \"1.0.0\"\n\n"
                + "[lock.entries.\"good-one::skill\"]\ncontent_hash = \"h1\"\nfetched = \"2026-11-01T10:00:00\"\n\n"
                + badKey
                + "\n"
                + badHash);
    CollectionLock lock = CollectionLock.load(file);

    assertThat(lock.entries()).extracting(LockEntry::id).containsExactly(GOOD_ONE);
    assertThat(lock.invalidEntries())
        .extracting(InvalidEntry::field)
        .containsExactly("lock.entries.\"review\"", "lock.entries.\"typed::command\".content_hash");
    assertThat(lock.invalidEntries())
        .extracting(InvalidEntry::artifactId)
        .containsExactly(null, TYPED);
    assertThatThrownBy(() -> lock.upsert(new LockEntry(TYPED, null, null, null, "h2", NOW)))
        .isInstanceOf(InvalidTierFileException.class);
    lock.upsert(new LockEntry(GOOD_ONE, null, null, null, "h3", NOW));
    lock.save(file);

    CollectionLock again = CollectionLock.load(file);
    assertThat(again.find(GOOD_ONE).orElseThrow().contentHash()).isEqualTo("h3");
    assertThat(again.invalidEntries()).hasSize(2);
    assertThat(Fixtures.read(file)).contains(badKey).contains(badHash);
  }

  private String structureOf(String text) throws IOException {
    Path copy = Fixtures.write(tmp.resolve("copy.toml"), text);
    return Fixtures.structure(copy);
  }
}
