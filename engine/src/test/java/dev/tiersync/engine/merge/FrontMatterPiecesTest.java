package dev.tiersync.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The pieces of a key-by-key merge, which the three panes of a conflict show: on every row of
 * {@link FrontMatterMergeTest}'s table, taking one side of each conflict piece gives the merge's
 * result with that side's lines in each conflict block; a key changed two ways is one conflict
 * piece naming the key.
 */
class FrontMatterPiecesTest {
  private static final TextMerge.Labels LABELS = new TextMerge.Labels("project", "base", "collection");

  private static final String BASE =
      "---\nname: pdf-tools\ndescription: Work with PDFs\n# tools\nallowed-tools: Read, Grep\n---\n"
          + "# PDF tools\n\nUse it well.\nAsk first.\nThen act.\n";

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.tiersync.engine.merge.FrontMatterMergeTest#cases")
  void takingOneSideOfEachConflictPiece_isTheMergeWithThatSideInEachBlock(FrontMatterMergeTest.Case c) {
    byte[] base = utf8(c.base());
    byte[] ours = utf8(c.ours());
    byte[] theirs = utf8(c.theirs());
    FrontMatterMerge.Result merged = FrontMatterMerge.merge(base, ours, theirs, LABELS);
    List<FrontMatterMerge.Piece> pieces = FrontMatterMerge.pieces(base, ours, theirs);
    if (!merged.byKey()) {
      assertThat(pieces).as("a file merged whole has no pieces").isNull();
      return;
    }
    String result = new String(merged.content(), StandardCharsets.UTF_8);
    assertThat(compose(pieces, true)).isEqualTo(settle(result, true));
    assertThat(compose(pieces, false)).isEqualTo(settle(result, false));
    assertThat(pieces.stream().filter(p -> p.kind() == TextMerge.HunkKind.CONFLICT).count())
        .isEqualTo(merged.conflicts());
  }

  @Test
  void aKeyChangedTwoWays_isOneConflictPieceWithBothValues_andTheOtherKeysAreMerged() {
    byte[] base = utf8(BASE);
    byte[] ours = utf8(BASE.replace("Work with PDFs", "Ours").replace("Read, Grep", "Read"));
    byte[] theirs = utf8(BASE.replace("Work with PDFs", "Theirs").replace("pdf-tools", "pdf-kit"));

    List<FrontMatterMerge.Piece> pieces = FrontMatterMerge.pieces(base, ours, theirs);

    assertThat(pieces)
        .filteredOn(p -> p.kind() == TextMerge.HunkKind.CONFLICT)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.key()).isEqualTo("description");
          assertThat(p.base()).isEqualTo("description: Work with PDFs\n");
          assertThat(p.ours()).isEqualTo("description: Ours\n");
          assertThat(p.theirs()).isEqualTo("description: Theirs\n");
        });
    assertThat(pieces)
        .filteredOn(p -> "name: pdf-kit\n".equals(p.theirs()))
        .singleElement()
        .extracting(FrontMatterMerge.Piece::kind)
        .isEqualTo(TextMerge.HunkKind.THEIRS);
    assertThat(pieces)
        .filteredOn(p -> p.ours().endsWith("allowed-tools: Read\n"))
        .singleElement()
        .extracting(FrontMatterMerge.Piece::kind)
        .isEqualTo(TextMerge.HunkKind.OURS);
    assertThat(compose(pieces, false))
        .isEqualTo(BASE.replace("Work with PDFs", "Theirs").replace("pdf-tools", "pdf-kit").replace("Read, Grep", "Read"));
  }

  @Test
  void union_keepsBothSidesOfTheBody_andRefusesAKeyChangedTwoWays() {
    byte[] base = utf8(BASE);
    byte[] ours = utf8(BASE.replace("Ask first.", "Ask twice.").replace("Read, Grep", "Read"));
    byte[] theirs = utf8(BASE.replace("Ask first.", "Ask never.").replace("pdf-tools", "pdf-kit"));

    assertThat(new String(FrontMatterMerge.union(base, ours, theirs), StandardCharsets.UTF_8))
        .isEqualTo(BASE.replace("pdf-tools", "pdf-kit").replace("Read, Grep", "Read")
            .replace("Ask first.\n", "Ask twice.\nAsk never.\n"));

    byte[] clash = utf8(BASE.replace("Work with PDFs", "Theirs"));
    byte[] mine = utf8(BASE.replace("Work with PDFs", "Ours"));
    assertThatThrownBy(() -> FrontMatterMerge.union(base, mine, clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'description'");
    byte[] plain = utf8("no front matter\n");
    assertThat(FrontMatterMerge.union(plain, utf8("a\n"), utf8("b\n"))).isNull();
  }

  /** The file the pieces give with ours (or theirs) of each conflict. */
  static String compose(List<FrontMatterMerge.Piece> pieces, boolean takeOurs) {
    StringBuilder out = new StringBuilder();
    for (FrontMatterMerge.Piece p : pieces) {
      switch (p.kind()) {
        case COMMON, OURS -> out.append(p.ours());
        case THEIRS -> out.append(p.theirs());
        case CONFLICT -> out.append(takeOurs ? p.ours() : p.theirs());
      }
    }
    return out.toString();
  }

  /** The merged text with each conflict block replaced by ours (or theirs). */
  static String settle(String merged, boolean takeOurs) {
    StringBuilder out = new StringBuilder();
    String section = null;
    for (String line : merged.split("(?<=\n)")) {
      String bare = line.stripTrailing();
      if (bare.startsWith("<<<<<<<")) {
        section = "ours";
      } else if (section != null && bare.startsWith("|||||||")) {
        section = "base";
      } else if (section != null && bare.equals("=======")) {
        section = "theirs";
      } else if (section != null && bare.startsWith(">>>>>>>")) {
        section = null;
      } else if (section == null || section.equals(takeOurs ? "ours" : "theirs")) {
        out.append(line);
      }
    }
    return out.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
