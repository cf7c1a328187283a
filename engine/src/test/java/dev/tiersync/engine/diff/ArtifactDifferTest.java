package dev.tiersync.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.Trees;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactDifferTest {
  private final ArtifactDiffer differ = new ArtifactDiffer(1024 * 1024);

  @Test
  void diff_reportsEachFileStatusAndCounts() {
    ArtifactTree lhs = Trees.folder("SKILL.md", "a\nb\nc\n", "old.md", "x\n", "same.md", "s\n");
    ArtifactTree rhs = Trees.folder("SKILL.md", "a\nB\nc\nd\n", "new.md", "y\n", "same.md", "s\n");

    ArtifactDiff d = differ.diff(lhs, rhs);

    assertThat(d.files())
        .extracting(FileDiff::path, FileDiff::status, FileDiff::linesAdded, FileDiff::linesRemoved)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SKILL.md", FileDiff.Status.MODIFIED, 2, 1),
            org.assertj.core.groups.Tuple.tuple("new.md", FileDiff.Status.ADDED, 1, 0),
            org.assertj.core.groups.Tuple.tuple("old.md", FileDiff.Status.REMOVED, 0, 1),
            org.assertj.core.groups.Tuple.tuple("same.md", FileDiff.Status.UNCHANGED, 0, 0));
    assertThat(d.summary()).isEqualTo(new ArtifactDiff.Summary(1, 1, 1, 3, 2));
    assertThat(d.truncated()).isFalse();
    assertThat(d.files().get(0).unifiedDiff())
        .isEqualTo("--- a/SKILL.md\n+++ b/SKILL.md\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
  }

  @Test
  void diff_identicalVersions_reportNothingChanged() {
    ArtifactTree t = Trees.folder("SKILL.md", "a\n");
    ArtifactDiff d = differ.diff(t, t);
    assertThat(d.isIdentical()).isTrue();
    assertThat(d.files()).singleElement().extracting(FileDiff::status).isEqualTo(FileDiff.Status.UNCHANGED);
  }

  @Test
  void diff_binaryFile_hasNoTextButSizesAndHashes() {
    ArtifactTree lhs = ArtifactTree.folder(List.of(Trees.file("img.png", new byte[] {1, 0, 2}, FileMode.REGULAR)));
    ArtifactTree rhs = ArtifactTree.folder(List.of(Trees.file("img.png", new byte[] {1, 0, 3, 4}, FileMode.REGULAR)));

    FileDiff f = differ.diff(lhs, rhs).files().get(0);

    assertThat(f.binary()).isTrue();
    assertThat(f.unifiedDiff()).isNull();
    assertThat(f.oldSize()).isEqualTo(3);
    assertThat(f.newSize()).isEqualTo(4);
    assertThat(f.oldSha256()).isNotEqualTo(f.newSha256());
  }

  @Test
  void diff_abovePreviewLimit_keepsCountsDropsTextAndSaysWhy() {
    ArtifactTree lhs = Trees.folder("big.md", "line\n".repeat(100));
    ArtifactTree rhs = Trees.folder("big.md", "other\n".repeat(100));

    ArtifactDiff d = new ArtifactDiffer(200).diff(lhs, rhs);

    assertThat(d.truncated()).isTrue();
    assertThat(d.truncatedReason()).contains("above the inline preview limit of 200 bytes");
    assertThat(d.files().get(0).unifiedDiff()).isNull();
    assertThat(d.summary().linesAdded()).isEqualTo(100);
    assertThat(d.summary().linesRemoved()).isEqualTo(100);
  }

  @Test
  void diff_crlfOnlyChange_isReportedAsSuch() {
    ArtifactDiff d = differ.diff(Trees.folder("a.md", "x\ny\n"), Trees.folder("a.md", "x\r\ny\r\n"));
    assertThat(d.files().get(0).lineEndingsOnly()).isTrue();
    assertThat(d.files().get(0).linesAdded()).isEqualTo(2);
  }

  @Test
  void diff_missingSide_isAllAddedOrRemoved() {
    ArtifactTree t = Trees.folder("SKILL.md", "a\nb\n");
    assertThat(differ.diff(null, t).summary()).isEqualTo(new ArtifactDiff.Summary(1, 0, 0, 2, 0));
    assertThat(differ.diff(t, null).summary()).isEqualTo(new ArtifactDiff.Summary(0, 1, 0, 0, 2));
  }

  @Test
  void fullPatchBytes_keepsNonUtf8BytesExact() {
    byte[] latin1Old = {'c', 'a', 'f', (byte) 0xE9, '\n'};
    byte[] latin1New = {'c', 'a', 'f', (byte) 0xE9, '!', '\n'};
    byte[] patch =
        ArtifactDiffer.fullPatchBytes(
            ArtifactTree.folder(List.of(Trees.file("n.txt", latin1Old, FileMode.REGULAR))),
            ArtifactTree.folder(List.of(Trees.file("n.txt", latin1New, FileMode.REGULAR))),
            "a/",
            "b/");
    String asLatin1 = new String(patch, java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(asLatin1).contains("-caf\u00e9\n+caf\u00e9!\n");
  }

  @Test
  void fullPatch_writesGitHeadersWithGivenPrefixes() {
    String patch =
        ArtifactDiffer.fullPatch(
            Trees.folder("SKILL.md", "a\n"),
            Trees.folder("SKILL.md", "b\n", "n.md", "new\n"),
            "a/skills/x/",
            "b/skills/x/");
    assertThat(patch)
        .contains("diff --git a/skills/x/SKILL.md b/skills/x/SKILL.md\n--- a/skills/x/SKILL.md\n")
        .contains("diff --git a/skills/x/n.md b/skills/x/n.md\nnew file mode 100644\n--- /dev/null\n+++ b/skills/x/n.md\n@@ -0,0 +1 @@\n+new\n");
  }
}
