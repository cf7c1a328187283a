package dev.tiersync.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import org.junit.jupiter.api.Test;

/** One test per row of the SPEC section 4 table, plus the extra states. */
class StatusCalculatorTest {
  private final StatusCalculator calc = new StatusCalculator();
  private final ArtifactTree base = Trees.folder("SKILL.md", "a\nb\nc\n");

  @Test
  void sameSame_isSynced() {
    assertThat(status(base, base, base)).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void sourceChanged_isOutdated() {
    assertThat(status(Trees.folder("SKILL.md", "a\nB\nc\n"), base, base)).isEqualTo(SyncStatus.OUTDATED);
  }

  @Test
  void targetChanged_isModified() {
    assertThat(status(base, Trees.folder("SKILL.md", "a\nB\nc\n"), base)).isEqualTo(SyncStatus.MODIFIED);
  }

  @Test
  void bothChangedEqually_isSynced() {
    ArtifactTree same = Trees.folder("SKILL.md", "x\n");
    assertThat(status(same, same, base)).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void bothChangedCleanMerge_isDiverged() {
    assertThat(
            status(Trees.folder("SKILL.md", "A\nb\nc\n"), Trees.folder("SKILL.md", "a\nb\nC\n"), base))
        .isEqualTo(SyncStatus.DIVERGED);
  }

  @Test
  void bothChangedConflictingMerge_isConflict() {
    assertThat(
            status(Trees.folder("SKILL.md", "a\nS\nc\n"), Trees.folder("SKILL.md", "a\nT\nc\n"), base))
        .isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void markersInTarget_isConflictEvenWhenSourceMatchesBase() {
    ArtifactTree marked =
        Trees.folder("SKILL.md", "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n");
    assertThat(status(base, marked, base)).isEqualTo(SyncStatus.CONFLICT);
  }

  @Test
  void markers_rememberedPerVersion_butALinkWithTheSameContentHashIsNotScanned() {
    String marked = "<<<<<<< project\nx\n=======\ny\n>>>>>>> collection\n";
    ArtifactTree file = Trees.folder("SKILL.md", marked);
    ArtifactTree link =
        ArtifactTree.folder(
            java.util.List.of(
                Trees.file(
                    "SKILL.md",
                    marked.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    dev.tiersync.engine.content.FileMode.SYMLINK)));

    assertThat(link.contentHash()).isEqualTo(file.contentHash());
    assertThat(calc.hasMarkers(file)).isTrue();
    assertThat(calc.hasMarkers(link)).isFalse();
    assertThat(calc.hasMarkers(file)).isTrue();
  }

  @Test
  void noTargetCopy_isMissing_andNoSource_isRemoved() {
    assertThat(status(base, null, null)).isEqualTo(SyncStatus.MISSING);
    assertThat(status(null, base, base)).isEqualTo(SyncStatus.REMOVED);
  }

  @Test
  void differentWithoutBase_isConflict() {
    assertThat(status(Trees.folder("SKILL.md", "x\n"), base, null)).isEqualTo(SyncStatus.CONFLICT);
    assertThat(status(base, base, null)).isEqualTo(SyncStatus.SYNCED);
  }

  @Test
  void overall_isTheWorseEdge() {
    EdgeStatus synced = calc.edge(base, base, base);
    EdgeStatus outdated = calc.edge(Trees.folder("SKILL.md", "z\n"), base, base);
    assertThat(StatusCalculator.overall(synced, outdated)).isEqualTo(SyncStatus.OUTDATED);
    assertThat(StatusCalculator.overall(null, synced)).isEqualTo(SyncStatus.SYNCED);
  }

  private SyncStatus status(ArtifactTree s, ArtifactTree t, ArtifactTree b) {
    return calc.edge(s, t, b).status();
  }
}
