package dev.tiersync.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columns_alignOnThePlainText_evenWhenCellsAreColoured() {
    Style style = new Style(true);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table("A", "STATUS", "C")
        .colour(1, style::label)
        .row("skill:long-name", "synced", "x")
        .row("s", "conflict", null)
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String plain = bytes.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
    assertThat(plain.lines())
        .containsExactly(
            "A                STATUS    C",
            "skill:long-name  synced    x",
            "s                conflict  -");
  }

  @Test
  void fit_cutsTheLastColumnToTheWidth_keepingTwentyCharactersAtLeast() {
    ByteArrayOutputStream wide = new ByteArrayOutputStream();
    ByteArrayOutputStream narrow = new ByteArrayOutputStream();
    String text = "a description that goes on well past the width";
    new Table("ID", "TEXT").row("skill:a", text).fit(30).print(new PrintStream(wide, true, UTF_8));
    new Table("ID", "TEXT").row("skill:a", text).fit(5).print(new PrintStream(narrow, true, UTF_8));

    assertThat(wide.toString(UTF_8).lines())
        .containsExactly("ID       TEXT", "skill:a  a description that g…");
    assertThat(narrow.toString(UTF_8).lines())
        .element(1)
        .isEqualTo("skill:a  a description that …");
    assertThat(Table.cut("short", 20)).isEqualTo("short");
    assertThat(Table.cut(null, 20)).isNull();
  }

  @Test
  void style_off_addsNothing() {
    assertThat(new Style(false).label("conflict")).isEqualTo("conflict");
    assertThat(new Style(true).label("conflict")).isEqualTo("\u001b[31mconflict\u001b[0m");
  }

  @Test
  void durations_andCounts_readAsEnglish() {
    assertThat(JobReport.duration(850)).isEqualTo("850 ms");
    assertThat(JobReport.duration(1234)).isEqualTo("1.2 s");
    assertThat(JobReport.duration(125_000)).isEqualTo("2 min 5 s");
    assertThat(JobReport.files(1, 0, 2)).isEqualTo("+1 -0 ~2");
    assertThat(JobReport.files(0, 0, 0)).isEmpty();
  }
}
