package dev.tiersync.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hunks {@link TextMerge#hunks} exposes and the {@link TextMerge#union} result, compared with
 * the real {@code git merge-file} on generated cases: the hunks, written out with markers, give
 * what {@code git merge-file --diff3} writes (line endings aside: the markers' CRs are the
 * merge's, already compared byte for byte by {@link GitParityTest}), and the union is byte for
 * byte {@code git merge-file --diff3 --union}.
 */
class TextMergeHunksTest {
  private static final int CASES = 1000;

  @TempDir Path dir;

  @Test
  void hunks_writtenWithMarkers_giveGitMergeFileDiff3() throws Exception {
    List<String> mismatches = new ArrayList<>();
    int conflicted = 0;
    for (TextCaseGenerator.Triple c : new TextCaseGenerator(20261206L).triples(CASES)) {
      GitCli.Run git = GitCli.mergeFile(dir, write("ours", c.ours()), write("base", c.base()),
          write("theirs", c.theirs()));
      List<TextMerge.Hunk> hunks = TextMerge.hunks(c.base(), c.ours(), c.theirs());
      String covered = coverage(hunks, c);
      long conflicts = hunks.stream().filter(h -> h.kind() == TextMerge.HunkKind.CONFLICT).count();
      if (conflicts > 0) {
        conflicted++;
      }
      String expected = noCr(git.stdout());
      String actual = noCr(render(hunks, c));
      if (covered != null || conflicts != git.exitCode() || !expected.equals(actual)) {
        mismatches.add(c.name() + ": " + (covered != null ? covered : "")
            + " git exit " + git.exitCode() + " conflict hunks " + conflicts
            + "\n--- git\n" + expected + "--- hunks\n" + actual);
      }
    }
    assertThat(conflicted).as("generated cases must include conflicts").isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void union_matchesGitMergeFileDiff3Union() throws Exception {
    List<String> mismatches = new ArrayList<>();
    for (TextCaseGenerator.Triple c : new TextCaseGenerator(61220L).triples(CASES)) {
      GitCli.Run git = GitCli.mergeFileUnion(dir, write("ours", c.ours()), write("base", c.base()),
          write("theirs", c.theirs()));
      assertThat(git.exitCode()).as("git merge-file --union: %s", git.stderr()).isZero();
      byte[] union = TextMerge.union(c.base(), c.ours(), c.theirs());
      if (!Arrays.equals(git.stdout(), union)) {
        mismatches.add(c.name() + "\n--- git\n" + show(git.stdout()) + "--- engine\n" + show(union));
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void hunks_ofASmallConflict() {
    byte[] base = "a\nb\nc\nd\ne\n".getBytes(StandardCharsets.UTF_8);
    byte[] ours = "A\nb\nc\nours\ne\n".getBytes(StandardCharsets.UTF_8);
    byte[] theirs = "a\nb\nc\ntheirs\ne\nf\n".getBytes(StandardCharsets.UTF_8);
    assertThat(TextMerge.hunks(base, ours, theirs))
        .containsExactly(
            new TextMerge.Hunk(TextMerge.HunkKind.OURS, 0, 1, 0, 1, 0, 1),
            new TextMerge.Hunk(TextMerge.HunkKind.COMMON, 1, 2, 1, 2, 1, 2),
            new TextMerge.Hunk(TextMerge.HunkKind.CONFLICT, 3, 1, 3, 1, 3, 1),
            new TextMerge.Hunk(TextMerge.HunkKind.COMMON, 4, 1, 4, 1, 4, 1),
            new TextMerge.Hunk(TextMerge.HunkKind.THEIRS, 5, 0, 5, 0, 5, 1));
    assertThat(new String(TextMerge.union(base, ours, theirs), StandardCharsets.UTF_8))
        .isEqualTo("A\nb\nc\nours\ntheirs\ne\nf\n");
  }

  /** Null when the hunks cover every line of the three versions in order, else what is wrong. */
  private static String coverage(List<TextMerge.Hunk> hunks, TextCaseGenerator.Triple c) {
    int b = 0;
    int o = 0;
    int t = 0;
    for (TextMerge.Hunk h : hunks) {
      if (h.baseStart() != b || h.oursStart() != o || h.theirsStart() != t) {
        return "hunk " + h + " does not start where the previous ended";
      }
      b += h.baseCount();
      o += h.oursCount();
      t += h.theirsCount();
    }
    if (b != lines(c.base()).size() || o != lines(c.ours()).size() || t != lines(c.theirs()).size()) {
      return "hunks do not reach the end of every version";
    }
    return null;
  }

  private static byte[] render(List<TextMerge.Hunk> hunks, TextCaseGenerator.Triple c) {
    List<byte[]> b = lines(c.base());
    List<byte[]> o = lines(c.ours());
    List<byte[]> t = lines(c.theirs());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (TextMerge.Hunk h : hunks) {
      switch (h.kind()) {
        case COMMON, OURS -> copy(out, o, h.oursStart(), h.oursCount(), false);
        case THEIRS -> copy(out, t, h.theirsStart(), h.theirsCount(), false);
        case CONFLICT -> {
          out.writeBytes("<<<<<<< project\n".getBytes(StandardCharsets.UTF_8));
          copy(out, o, h.oursStart(), h.oursCount(), true);
          out.writeBytes("||||||| base\n".getBytes(StandardCharsets.UTF_8));
          copy(out, b, h.baseStart(), h.baseCount(), true);
          out.writeBytes("=======\n".getBytes(StandardCharsets.UTF_8));
          copy(out, t, h.theirsStart(), h.theirsCount(), true);
          out.writeBytes(">>>>>>> collection\n".getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    return out.toByteArray();
  }

  private static void copy(
      ByteArrayOutputStream out, List<byte[]> lines, int from, int count, boolean newline) {
    for (int i = from; i < from + count; i++) {
      out.writeBytes(lines.get(i));
    }
    if (newline && count > 0) {
      byte[] last = lines.get(from + count - 1);
      if (last[last.length - 1] != '\n') {
        out.write('\n');
      }
    }
  }

  private static List<byte[]> lines(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < data.length; i++) {
      if (data[i] == '\n') {
        out.add(Arrays.copyOfRange(data, start, i + 1));
        start = i + 1;
      }
    }
    if (start < data.length) {
      out.add(Arrays.copyOfRange(data, start, data.length));
    }
    return out;
  }

  private Path write(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static String noCr(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replace("\r", "");
  }

  private static String show(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replace("\r", "\\r") + "\n";
  }
}
