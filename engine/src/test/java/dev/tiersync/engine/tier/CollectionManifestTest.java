package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.tier.ManifestArtifact.Origin;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionManifestTest {
  private static final ArtifactId PDF_TOOLS = ArtifactId.parse("skill:pdf-tools");
  private static final ArtifactId CANVAS = ArtifactId.parse("skill:canvas-design");

  @TempDir Path tmp;

  @Test
  void load_realSkillMeatCollection_readsCollectionAndLocalArtifacts() throws IOException {
    Path file = Fixtures.copy("collection-local", tmp).resolve("collection.toml");

    CollectionManifest manifest = CollectionManifest.load(file);

    assertThat(manifest.name()).isEqualTo("default");
    assertThat(manifest.version()).isEqualTo("1.0.0");
    assertThat(manifest.created()).isEqualTo(Instant.parse("2026-11-23T23:13:51.532718Z"));
    assertThat(manifest.artifacts())
        .extracting(ManifestArtifact::id)
        .containsExactly(
            PDF_TOOLS, ArtifactId.parse("command:review"), ArtifactId.parse("agent:helper"));
    ManifestArtifact review = manifest.find(ArtifactId.parse("command:review")).orElseThrow();
    assertThat(review.path()).isEqualTo("commands/review.md");
    assertThat(review.origin()).isEqualTo(Origin.LOCAL);
    assertThat(review.added()).isEqualTo(Instant.parse("2026-11-23T23:14:10.158455Z"));
    assertThat(review.upstreamSpec()).isEmpty();
  }

  @Test
  void load_realSkillMeatGitHubEntry_readsUpstreamFields() throws IOException {
    Path file = Fixtures.copy("collection-github", tmp).resolve("collection.toml");

    ManifestArtifact canvas = CollectionManifest.load(file).find(CANVAS).orElseThrow();

    assertThat(canvas.origin()).isEqualTo(Origin.GITHUB);
    assertThat(canvas.versionSpec()).isEqualTo("latest");
    assertThat(canvas.resolvedSha()).isEqualTo("0f3c2b7a9d41e5c6b8a7f9e0d1c2b3a4f5e6d7c8");
    assertThat(canvas.resolvedVersion()).isNull();
    assertThat(canvas.lastUpdated()).isEqualTo(Instant.parse("2026-11-23T23:17:06.400638Z"));
    assertThat(canvas.tags()).containsExactly("design", "canvas");
    assertThat(canvas.upstreamSpec())
        .contains(
            new UpstreamSpec(
                "https://github.com/anthropics/skills.git", null, "document-skills/canvas-design"));
  }

  @Test
  void load_emptySkillMeatCollection_hasNoArtifacts() throws IOException {
    Path file = Fixtures.copy("collection-empty", tmp).resolve("collection.toml");

    CollectionManifest manifest = CollectionManifest.load(file);

    assertThat(manifest.name()).isEqualTo("empty");
    assertThat(manifest.artifacts()).isEmpty();
  }

  @Test
  void load_missingFile_throwsNoSuchFile() {
    assertThatThrownBy(() -> CollectionManifest.load(tmp.resolve("collection.toml")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void save_unchangedRealFixture_keepsEveryKeyValueFormAndOrder() throws IOException {
    Path file = Fixtures.copy("collection-github", tmp).resolve("collection.toml");
    String before = Fixtures.structure(file);

    CollectionManifest.load(file).save(file);

    assertThat(Fixtures.structure(file)).isEqualTo(before);
    assertThat(Fixtures.read(file)).contains("added = \"2026-11-23T23:14:04.366654\"");
  }

  @Test
  void load_preservesUnknownKeys() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.toml"),
            """
            owner = "team"

            [collection]
            name = "team"
            version = "1.0.0"
            created = "2026-11-01T10:00:00"
            updated = "2026-11-01T10:00:00"
            color = "blue"

            [[artifacts]]
            name = "pdf-tools"
            x_first = 1
            type = "skill"
            path = "skills/pdf-tools"
            origin = "local"
            added = "2026-11-01T10:00:00"
            x_last = ["a"]

            [artifacts.metadata]
            description = "PDFs"

            [[groups]]
            name = "g"
            """);
    CollectionManifest manifest = CollectionManifest.load(file);

    manifest.upsert(
        manifest.find(PDF_TOOLS).orElseThrow().withResolved("abc", "v1", Instant.EPOCH));
    manifest.save(file);

    assertThat(Fixtures.structure(file))
        .isEqualTo(
            // [[groups]] fits on one line, so it is written inline before the tables, as
            // SkillMeat's tomli_w writes it; that changes the order of the parsed keys only.
            "{owner=\"team\", groups=[{name=\"g\"}], collection={name=\"team\", version=\"1.0.0\","
                + " created=\"2026-11-01T10:00:00\", updated=\"2026-11-01T10:00:00\","
                + " color=\"blue\"}, artifacts=[{name=\"pdf-tools\", x_first=1:Integer,"
                + " type=\"skill\", path=\"skills/pdf-tools\", origin=\"local\","
                + " added=\"2026-11-01T10:00:00\", x_last=[\"a\"], resolved_sha=\"abc\","
                + " resolved_version=\"v1\", last_updated=\"1970-01-01T00:00:00\","
                + " metadata={description=\"PDFs\"}}]}");
  }

  @Test
  void upsert_changedTimestamp_staysAStringInItsForm_andADatetimeBecomesAString()
      throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.toml"),
            """
            [collection]
            name = "team"
            created = 2026-11-01T10:00:00Z
            updated = "2026-11-01T10:00:00+02:00"

            [[artifacts]]
            name = "pdf-tools"
            type = "skill"
            origin = "local"
            added = 2026-11-01T10:00:00Z
            last_updated = 2026-11-01T12:00:00+01:00
            """);
    CollectionManifest manifest = CollectionManifest.load(file);
    Instant now = Instant.parse("2026-11-05T08:30:00.250Z");

    manifest.touch(now);
    manifest.upsert(manifest.find(PDF_TOOLS).orElseThrow().withResolved("abc", null, now));
    manifest.save(file);

    String text = Fixtures.read(file);
    assertThat(text)
        .contains("created = 2026-11-01T10:00:00Z\n")
        .contains("updated = \"2026-11-05T10:30:00.250000+02:00\"\n")
        .contains("added = 2026-11-01T10:00:00Z\n")
        .contains("last_updated = \"2026-11-05T08:30:00.250000\"\n");
    assertThat(CollectionManifest.load(file).updated()).isEqualTo(now);
  }

  @Test
  void upsert_newTimestampKey_isSkillMeatsNaiveUtcString() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.toml"),
            """
            [collection]
            name = "team"

            [[artifacts]]
            name = "pdf-tools"
            type = "skill"
            origin = "local"
            added = 2026-11-01T10:00:00Z
            """);
    CollectionManifest manifest = CollectionManifest.load(file);

    manifest.upsert(
        manifest
            .find(PDF_TOOLS)
            .orElseThrow()
            .withResolved("abc", null, Instant.parse("2026-11-02T00:00:00Z")));
    manifest.save(file);

    assertThat(Fixtures.read(file)).contains("last_updated = \"2026-11-02T00:00:00\"\n");
  }

  @Test
  void upsert_newArtifact_appendsTableInSkillMeatKeyOrder() throws IOException {
    Path file = Fixtures.copy("collection-empty", tmp).resolve("collection.toml");
    CollectionManifest manifest = CollectionManifest.load(file);
    ManifestArtifact added = gitUpstreamEntry(Origin.LOCAL);

    manifest.upsert(added);
    manifest.save(file);

    assertThat(Fixtures.read(file))
        .startsWith("[collection]\n")
        .endsWith(
            """

            [[artifacts]]
            name = "pdf-tools"
            type = "skill"
            path = "skills/pdf-tools"
            origin = "local"
            added = "2026-11-01T10:00:00"
            upstream = "file:///srv/git/team.git"
            upstream_path = "skills/pdf-tools"
            version_spec = "main"
            tags = [
                "pdf",
            ]
            """);
    assertThat(CollectionManifest.load(file).find(PDF_TOOLS)).contains(added);
  }

  @Test
  void upsert_legacyGitOrigin_isWrittenAsLocal() throws IOException {
    Path file = Fixtures.copy("collection-empty", tmp).resolve("collection.toml");
    CollectionManifest manifest = CollectionManifest.load(file);
    manifest.upsert(gitUpstreamEntry(Origin.GIT));
    manifest.save(file);
    Fixtures.write(file, Fixtures.read(file).replace("origin = \"local\"", "origin = \"git\""));
    CollectionManifest legacy = CollectionManifest.load(file);
    assertThat(legacy.find(PDF_TOOLS).orElseThrow().origin()).isEqualTo(Origin.GIT);

    legacy.upsert(legacy.find(PDF_TOOLS).orElseThrow().withResolved("abc", null, Instant.EPOCH));
    legacy.save(file);

    assertThat(Fixtures.read(file)).contains("origin = \"local\"").doesNotContain("\"git\"");
    assertThat(CollectionManifest.load(file).find(PDF_TOOLS).orElseThrow().origin())
        .isEqualTo(Origin.LOCAL);
  }

  @Test
  void find_afterUpsertsAndRemovals_findsEachArtifactsOwnEntry() {
    CollectionManifest manifest = CollectionManifest.create("default", Instant.EPOCH);
    for (int i = 0; i < 50; i++) {
      manifest.upsert(ManifestArtifact.local(ArtifactId.parse("skill:s" + i), Instant.ofEpochSecond(i)));
    }

    assertThat(manifest.remove(ArtifactId.parse("skill:s10"))).isTrue();
    manifest.upsert(ManifestArtifact.local(ArtifactId.parse("skill:new"), Instant.ofEpochSecond(99)));

    assertThat(manifest.find(ArtifactId.parse("skill:s10"))).isEmpty();
    for (int i : new int[] {0, 9, 11, 49}) {
      assertThat(manifest.find(ArtifactId.parse("skill:s" + i)).orElseThrow().id())
          .isEqualTo(ArtifactId.parse("skill:s" + i));
    }
    assertThat(manifest.find(ArtifactId.parse("skill:new"))).isPresent();
    assertThat(manifest.artifacts()).hasSize(50);
  }

  private static ManifestArtifact gitUpstreamEntry(Origin origin) {
    return new ManifestArtifact(
        "pdf-tools",
        ArtifactType.SKILL,
        null,
        origin,
        "file:///srv/git/team.git",
        "skills/pdf-tools",
        "main",
        null,
        null,
        Instant.parse("2026-11-01T10:00:00Z"),
        null,
        List.of("pdf"));
  }

  @Test
  void create_newManifest_savesWhatSkillMeatInitWrites() throws IOException {
    Path file = tmp.resolve("collection.toml");

    CollectionManifest.create("work", Instant.parse("2026-11-23T23:13:51.532718Z")).save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            artifacts = []

            [collection]
            name = "work"
            version = "1.0.0"
            created = "2026-11-23T23:13:51.532718"
            updated = "2026-11-23T23:13:51.532718"
            """);
  }

  @Test
  void find_unknownArtifact_isEmpty() throws IOException {
    Path file = Fixtures.copy("collection-local", tmp).resolve("collection.toml");

    assertThat(CollectionManifest.load(file).find(ArtifactId.parse("skill:nope"))).isEmpty();
  }

  @Test
  void load_otherSkillMeatType_isKeptButNotListed() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.toml"),
            """
            [collection]
            name = "team"

            [[artifacts]]
            name = "flow"
            type = "workflow"
            path = "workflows/flow"
            origin = "local"
            """);
    CollectionManifest manifest = CollectionManifest.load(file);

    manifest.upsert(ManifestArtifact.local(PDF_TOOLS, Instant.EPOCH));
    manifest.save(file);

    assertThat(manifest.artifacts()).extracting(ManifestArtifact::id).containsExactly(PDF_TOOLS);
    assertThat(Fixtures.read(file)).contains("name = \"flow\"\ntype = \"workflow\"");
  }

  @Test
  void load_badType_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x\"\ntype = \"skil\"\norigin = \"local\""), "artifacts[0].type", "skil");
  }

  @Test
  void load_badName_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x..y\"\ntype = \"skill\"\norigin = \"local\""),
        "artifacts[0].name",
        "'..'");
  }

  @Test
  void load_pathEscapingCollection_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x\"\ntype = \"skill\"\norigin = \"local\"\npath = \"skills/../../etc\""),
        "artifacts[0].path",
        "must not leave");
  }

  @Test
  void load_absolutePath_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x\"\ntype = \"skill\"\norigin = \"local\"\npath = \"/etc/passwd\""),
        "artifacts[0].path",
        "relative");
  }

  @Test
  void load_badOrigin_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x\"\ntype = \"skill\"\norigin = \"ftp\""), "artifacts[0].origin", "ftp");
  }

  @Test
  void load_badTimestamp_namesField() throws IOException {
    assertInvalid(
        entry("name = \"x\"\ntype = \"skill\"\norigin = \"local\"\nadded = \"yesterday\""),
        "artifacts[0].added",
        "ISO-8601");
  }

  @Test
  void load_missingCollectionName_namesField() {
    assertUnreadable("[collection]\nversion = \"1.0.0\"\n", "collection.name", "required");
  }

  @Test
  void load_invalidToml_throwsWithoutField() throws IOException {
    Path file = Fixtures.write(tmp.resolve("collection.toml"), "[collection\nname = 1\n");

    assertThatThrownBy(() -> CollectionManifest.load(file))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class,
            e -> {
              assertThat(e.field()).isNull();
              assertThat(e.file()).isEqualTo(file);
            })
        .hasMessageContaining("not valid TOML");
  }

  private static String entry(String keys) {
    return "[collection]\nname = \"team\"\n\n[[artifacts]]\n" + keys + "\n";
  }

  /** An entry that breaks a rule is kept as an invalid entry; the file is still read. */
  private void assertInvalid(String toml, String field, String reason) throws IOException {
    Path file = Fixtures.write(tmp.resolve("bad.toml"), toml);

    CollectionManifest manifest = CollectionManifest.load(file);

    assertThat(manifest.artifacts()).isEmpty();
    assertThat(manifest.invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.reason()).contains(reason);
            });
  }

  /** A problem outside the entries makes the file unreadable as a whole. */
  private void assertUnreadable(String toml, String field, String reason) {
    Path file = tmp.resolve("bad.toml");
    assertThatThrownBy(() -> CollectionManifest.load(Fixtures.write(file, toml)))
        .isInstanceOfSatisfying(
            InvalidTierFileException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.file()).isEqualTo(file);
            })
        .hasMessageContaining(field)
        .hasMessageContaining(reason);
  }
}
