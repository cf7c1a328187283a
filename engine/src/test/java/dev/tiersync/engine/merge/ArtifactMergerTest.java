package dev.tiersync.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.MergeStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactMergerTest {
  private final ArtifactMerger merger =
      new ArtifactMerger(new TextMerge.Labels("project", "base", "collection"));

  @Test
  void auto_takesTheSideThatChanged_andPropagatesDeletions() throws Exception {
    ArtifactTree base = Trees.folder("SKILL.md", "a\n", "gone.md", "x\n", "keep.md", "k\n");
    ArtifactTree ours = Trees.folder("SKILL.md", "a\n", "gone.md", "x\n", "keep.md", "K\n");
    ArtifactTree theirs = Trees.folder("SKILL.md", "A\n", "keep.md", "k\n", "new.md", "n\n");

    ArtifactMergeResult r = merger.merge(base, ours, theirs, MergeStrategy.AUTO);

    assertThat(r.clean()).isTrue();
    assertThat(r.merged().files().keySet()).containsExactly("SKILL.md", "keep.md", "new.md");
    assertThat(Trees.content(r.merged(), "SKILL.md")).isEqualTo("A\n");
    assertThat(Trees.content(r.merged(), "keep.md")).isEqualTo("K\n");
    assertThat(r.filesAdded()).containsExactly("new.md");
    assertThat(r.filesRemoved()).containsExactly("gone.md");
    assertThat(r.filesModified()).containsExactly("SKILL.md");
  }

  @Test
  void auto_sameEditOnBothSides_isClean() {
    ArtifactTree base = Trees.folder("SKILL.md", "a\n");
    ArtifactTree both = Trees.folder("SKILL.md", "b\n");
    ArtifactMergeResult r = merger.merge(base, both, both, MergeStrategy.AUTO);
    assertThat(r.clean()).isTrue();
    assertThat(r.unchanged()).isTrue();
  }

  @Test
  void auto_overlappingEdits_writeDiff3MarkersWithTierLabels() throws Exception {
    ArtifactTree base = Trees.folder("SKILL.md", "a\nb\nc\n");
    ArtifactTree ours = Trees.folder("SKILL.md", "a\nP\nc\n");
    ArtifactTree theirs = Trees.folder("SKILL.md", "a\nC\nc\n");

    ArtifactMergeResult r = merger.merge(base, ours, theirs, MergeStrategy.AUTO);

    assertThat(r.conflicts()).singleElement().extracting(MergeConflict::kind).isEqualTo(ConflictKind.CONTENT);
    assertThat(Trees.content(r.merged(), "SKILL.md"))
        .isEqualTo("a\n<<<<<<< project\nP\n||||||| base\nb\n=======\nC\n>>>>>>> collection\nc\n");
  }

  @Test
  void auto_addAddDifferent_andDeleteModify_conflict() throws Exception {
    ArtifactTree base = Trees.folder("SKILL.md", "a\n", "doc.md", "d\n");
    ArtifactTree ours = Trees.folder("SKILL.md", "a\n", "doc.md", "D\n", "x.md", "mine\n");
    ArtifactTree theirs = Trees.folder("SKILL.md", "a\n", "x.md", "yours\n");

    ArtifactMergeResult r = merger.merge(base, ours, theirs, MergeStrategy.AUTO);

    assertThat(r.conflicts())
        .extracting(MergeConflict::path, MergeConflict::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("doc.md", ConflictKind.DELETE_MODIFY),
            org.assertj.core.groups.Tuple.tuple("x.md", ConflictKind.ADD_ADD));
    assertThat(Trees.content(r.merged(), "doc.md")).isEqualTo("D\n");
    assertThat(Trees.content(r.merged(), "x.md")).contains("<<<<<<< project\nmine\n");
  }

  @Test
  void auto_binaryChangedOnBothSides_keepsDestinationAndReportsHashes() {
    ArtifactTree base = ArtifactTree.folder(List.of(Trees.file("i.bin", new byte[] {0, 1}, FileMode.REGULAR)));
    ArtifactTree ours = ArtifactTree.folder(List.of(Trees.file("i.bin", new byte[] {0, 2}, FileMode.REGULAR)));
    ArtifactTree theirs = ArtifactTree.folder(List.of(Trees.file("i.bin", new byte[] {0, 3}, FileMode.REGULAR)));

    ArtifactMergeResult r = merger.merge(base, ours, theirs, MergeStrategy.AUTO);

    MergeConflict c = r.conflicts().get(0);
    assertThat(c.kind()).isEqualTo(ConflictKind.BINARY);
    assertThat(c.oursSha256()).isEqualTo(ours.file("i.bin").sha256());
    assertThat(c.theirsSha256()).isEqualTo(theirs.file("i.bin").sha256());
    assertThat(r.merged().file("i.bin").sha256()).isEqualTo(ours.file("i.bin").sha256());
  }

  @Test
  void auto_withoutBase_everyDifferingFileConflicts() {
    ArtifactTree ours = Trees.folder("SKILL.md", "a\n", "same.md", "s\n");
    ArtifactTree theirs = Trees.folder("SKILL.md", "b\n", "same.md", "s\n", "extra.md", "e\n");

    ArtifactMergeResult r = merger.merge(null, ours, theirs, MergeStrategy.AUTO);

    assertThat(r.conflicts())
        .extracting(MergeConflict::path)
        .containsExactly("SKILL.md", "extra.md");
    assertThat(r.merged().file("extra.md")).isNull();
  }

  @Test
  void oursAndTheirs_takeOneSideWhole() {
    ArtifactTree base = Trees.folder("SKILL.md", "a\n");
    ArtifactTree ours = Trees.folder("SKILL.md", "o\n");
    ArtifactTree theirs = Trees.folder("SKILL.md", "t\n", "n.md", "n\n");

    assertThat(merger.merge(base, ours, theirs, MergeStrategy.THEIRS).merged()).isEqualTo(theirs);
    assertThat(merger.merge(base, ours, theirs, MergeStrategy.OURS).merged()).isEqualTo(ours);
    assertThat(merger.merge(base, ours, theirs, MergeStrategy.OURS).unchanged()).isTrue();
  }

  @Test
  void auto_missingDestination_createsFromSource() {
    ArtifactTree theirs = Trees.folder("SKILL.md", "t\n");
    ArtifactMergeResult r = merger.merge(null, null, theirs, MergeStrategy.AUTO);
    assertThat(r.merged()).isEqualTo(theirs);
    assertThat(r.filesAdded()).containsExactly("SKILL.md");
  }
}
