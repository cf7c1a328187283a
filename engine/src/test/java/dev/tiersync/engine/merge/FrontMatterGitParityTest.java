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
 * The front-matter-aware merge is {@code git merge-file --diff3} whenever the front matter is
 * untouched: generated triples (the same generator as {@link GitParityTest}) each get one front
 * matter block, the same on all three sides, and the merge is compared byte for byte with the
 * real {@code git} binary; triples without front matter are compared with {@link TextMerge}
 * (which {@link GitParityTest} holds to {@code git}).
 */
class FrontMatterGitParityTest {
  private static final int CASES = 1200;
  private static final TextMerge.Labels LABELS = new TextMerge.Labels("project", "base", "collection");

  /** Valid, commented and multi-line, CRLF, unparsable and empty front matter. */
  private static final String[] FRONT_MATTER = {
    "---\nname: pdf-tools\ndescription: Work with PDFs\n---\n",
    "---\n# a comment\nname: pdf-tools\ndescription: |\n  Two\n  lines\ntools:\n  - Read\n  - Grep\n---\n",
    "---\r\nname: pdf-tools\r\ndescription: Work with PDFs\r\n---\r\n",
    "---\nname: pdf-tools\ndescription: [unclosed\n---\n",
    "---\n---\n",
  };

  @TempDir Path dir;

  @Test
  void untouchedFrontMatter_mergesLikeGitMergeFile() throws Exception {
    TextCaseGenerator gen = new TextCaseGenerator(20261206L);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    int conflicted = 0;
    for (TextCaseGenerator.Triple c : gen.triples(CASES)) {
      byte[] fm = FRONT_MATTER[compared % FRONT_MATTER.length].getBytes(StandardCharsets.UTF_8);
      byte[] base = concat(fm, c.base());
      byte[] ours = concat(fm, c.ours());
      byte[] theirs = concat(fm, c.theirs());
      GitCli.Run git =
          GitCli.mergeFile(dir, write("ours", ours), write("base", base), write("theirs", theirs));
      assertThat(git.exitCode()).as("git merge-file failed: %s", git.stderr()).isBetween(0, 127);
      FrontMatterMerge.Result r = FrontMatterMerge.merge(base, ours, theirs, LABELS);
      compared++;
      if (r.conflicts() > 0) {
        conflicted++;
      }
      if (r.byKey()
          || !Arrays.equals(git.stdout(), r.content())
          || Math.min(r.conflicts(), 127) != git.exitCode()) {
        mismatches.add(
            c.name()
                + ": git exit "
                + git.exitCode()
                + ", engine conflicts "
                + r.conflicts()
                + "\n--- git\n"
                + new String(git.stdout(), StandardCharsets.UTF_8)
                + "\n--- engine\n"
                + new String(r.content(), StandardCharsets.UTF_8));
      }
    }
    System.out.printf(
        "FrontMatterGitParityTest: compared %d merges with untouched front matter with git merge-file --diff3 (%d with conflicts), %d mismatches%n",
        compared, conflicted, mismatches.size());
    assertThat(conflicted).as("generated cases must include conflicts").isGreaterThan(100);
    assertThat(compared - conflicted).as("and clean merges").isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void withoutFrontMatter_mergesAsTextMerge() {
    TextCaseGenerator gen = new TextCaseGenerator(20261123L);
    int compared = 0;
    for (TextCaseGenerator.Triple c : gen.triples(CASES)) {
      FrontMatterMerge.Result r = FrontMatterMerge.merge(c.base(), c.ours(), c.theirs(), LABELS);
      TextMerge.Result t = TextMerge.merge(c.base(), c.ours(), c.theirs(), LABELS);
      assertThat(r.byKey()).as(c.name()).isFalse();
      assertThat(r.content()).as(c.name()).isEqualTo(t.content());
      assertThat(r.conflicts()).as(c.name()).isEqualTo(t.conflicts());
      compared++;
    }
    System.out.printf(
        "FrontMatterGitParityTest: compared %d merges without front matter with TextMerge%n", compared);
  }

  private Path write(String name, byte[] content) throws Exception {
    return Files.write(dir.resolve(name), content);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
