package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.Trees;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionIndexTest {
  @Test
  void message_thenParse_roundTripsShapeAndEveryEntryWithOddPaths() {
    FileEntry plain = Trees.text("SKILL.md", "a\n");
    FileEntry odd = Trees.text("odd\nname %.md", "b");
    String hash = ArtifactTree.folder(List.of(plain, odd)).contentHash();

    String message = VersionIndex.message(hash, false, List.of(plain, odd));
    VersionIndex index = VersionIndex.parse(message);

    assertThat(message).startsWith("tiersync version " + hash + "\n\nshape: folder\n");
    assertThat(index.singleFile()).isFalse();
    assertThat(index.files())
        .containsOnlyKeys("SKILL.md", "odd\nname %.md")
        .containsEntry("SKILL.md", new VersionIndex.IndexedFile(plain.sha256(), 2))
        .containsEntry("odd\nname %.md", new VersionIndex.IndexedFile(odd.sha256(), 1));
    assertThat(VersionIndex.parse(VersionIndex.message(hash, true, List.of(plain))).singleFile())
        .isTrue();
  }

  @Test
  void parse_damagedLines_areLeftOutForTheBlobToAnswer() {
    String sha = "ab".repeat(32);
    String message =
        "tiersync version x\n\nshape: folder\n"
            + "entry "
            + sha
            + " notanumber a.md\n"
            + "entry nothex 3 b.md\n"
            + "entry "
            + sha
            + " 3\n"
            + "entry "
            + sha
            + " 3 c.md\n";

    VersionIndex index = VersionIndex.parse(message);

    assertThat(index.files()).containsOnlyKeys("c.md");
  }
}
