package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionLockTest {
  private static final ArtifactId CANVAS = ArtifactId.parse("skill:canvas-design");
  private static final ArtifactId REVIEW = ArtifactId.parse("command:review");

  @TempDir Path tmp;

  @Test
  void load_realSkillMeatLock_readsEntries() throws IOException {
    Path file = Fixtures.copy("collection-github", tmp).resolve("collection.lock");

    CollectionLock lock = CollectionLock.load(file);

    assertThat(lock.entries())
        .extracting(LockEntry::id)
        .containsExactly(
            ArtifactId.parse("skill:pdf-tools"), REVIEW, ArtifactId.parse("agent:helper"), CANVAS);
    assertThat(lock.find(CANVAS))
        .contains(
            new LockEntry(
                CANVAS,
                "https://github.com/anthropics/skills/tree/0f3c2b7a9d41e5c6b8a7f9e0d1c2b3a4f5e6d7c8/document-skills/canvas-design",
                "0f3c2b7a9d41e5c6b8a7f9e0d1c2b3a4f5e6d7c8",
                null,
                "3d2745e5442ed0315d4e9a348896d3d8b7e778a03a7c805972e8d34e4df66a1e",
                Instant.parse("2026-11-23T23:17:06.409684Z")));
  }

  @Test
  void load_missingFile_isEmptyAndSavesSkillMeatHeader() throws IOException {
    Path file = tmp.resolve("collection.lock");

    CollectionLock lock = CollectionLock.load(file);
    lock.save(file);

    assertThat(lock.entries()).isEmpty();
    assertThat(Fixtures.read(file)).isEqualTo("[lock]\nversion = \"1.0.0\"\n\n[lock.entries]\n");
  }

  @Test
  void save_unchangedRealFixture_keepsEveryKeyValueFormAndOrder() throws IOException {
    Path file = Fixtures.copy("collection-github", tmp).resolve("collection.lock");
    String before = Fixtures.structure(file);

    CollectionLock.load(file).save(file);

    assertThat(Fixtures.structure(file)).isEqualTo(before);
  }

  @Test
  void upsert_existingEntry_rewritesChangedKeysOnlyAndPreservesUnknownKeys() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"),
            """
            [lock]
            version = "1.0.0"
            x_lock = true

            [lock.entries."review::command"]
            recipe_hash = "r1"
            content_hash = "old"
            fetched = 2026-11-01T10:00:00Z
            upstream = "file:///srv/git/x.git"
            """);
    CollectionLock lock = CollectionLock.load(file);
    LockEntry old = lock.find(REVIEW).orElseThrow();

    lock.upsert(new LockEntry(REVIEW, old.upstream(), "abc", "v1", "new", old.fetched()));
    lock.save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            [lock]
            version = "1.0.0"
            x_lock = true

            [lock.entries."review::command"]
            recipe_hash = "r1"
            content_hash = "new"
            fetched = 2026-11-01T10:00:00Z
            upstream = "file:///srv/git/x.git"
            resolved_sha = "abc"
            resolved_version = "v1"
            """);
  }

  @Test
  void upsert_newEntry_writesSkillMeatKeyOrder() throws IOException {
    Path file = Fixtures.copy("collection-empty", tmp).resolve("collection.lock");
    CollectionLock lock = CollectionLock.load(file);

    lock.upsert(
        new LockEntry(CANVAS, "u", "sha", null, "hash", Instant.parse("2026-11-01T10:00:00.5Z")));
    lock.save(file);

    assertThat(Fixtures.read(file))
        .isEqualTo(
            """
            [lock]
            version = "1.0.0"

            [lock.entries."canvas-design::skill"]
            content_hash = "hash"
            fetched = "2026-11-01T10:00:00.500000"
            upstream = "u"
            resolved_sha = "sha"
            """);
  }

  @Test
  void remove_existingEntry_deletesOnlyThatEntry() throws IOException {
    Path file = Fixtures.copy("collection-github", tmp).resolve("collection.lock");
    CollectionLock lock = CollectionLock.load(file);

    assertThat(lock.remove(REVIEW)).isTrue();
    assertThat(lock.remove(REVIEW)).isFalse();
    lock.save(file);

    assertThat(CollectionLock.load(file).entries())
        .extracting(LockEntry::id)
        .doesNotContain(REVIEW)
        .hasSize(3);
    assertThat(Fixtures.read(file)).doesNotContain("review::command");
  }

  @Test
  void load_otherSkillMeatType_isKeptButNotListed() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"),
            "[lock.entries.\"flow::workflow\"]\n"
                + "content_hash = \"h\"\n"
                + "fetched = \"2026-11-01T10:00:00\"\n");

    CollectionLock lock = CollectionLock.load(file);
    lock.save(file);

    assertThat(lock.entries()).isEmpty();
    assertThat(Fixtures.read(file)).contains("[lock.entries.\"flow::workflow\"]");
  }

  @Test
  void load_keyWithoutType_namesField() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"), "[lock.entries.review]\ncontent_hash = \"h\"\n");

    assertThat(CollectionLock.load(file).invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("lock.entries.\"review\"");
              assertThat(e.reason()).contains("name::type");
            });
  }

  @Test
  void load_badNameInKey_namesTheEntry() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"),
            "[lock.entries.\".hidden::skill\"]\ncontent_hash = \"h\"\n");

    assertThat(CollectionLock.load(file).invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("lock.entries.\".hidden::skill\"");
              assertThat(e.reason()).contains("must not start with '.'");
            });
  }

  @Test
  void load_missingContentHash_namesField() throws IOException {
    Path file =
        Fixtures.write(
            tmp.resolve("collection.lock"),
            "[lock.entries.\"review::command\"]\nfetched = \"2026-11-01T10:00:00\"\n");

    CollectionLock lock = CollectionLock.load(file);

    assertThat(lock.entries()).isEmpty();
    assertThat(lock.invalidEntries())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("lock.entries.\"review::command\".content_hash");
              assertThat(e.artifactId()).isEqualTo(ArtifactId.parse("command:review"));
            });
  }
}
