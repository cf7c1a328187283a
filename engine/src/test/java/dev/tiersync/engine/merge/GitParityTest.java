package dev.tiersync.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.diff.LineDiff;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the engine with the real {@code git} binary on generated cases: three-way merges
 * against {@code git merge-file --diff3 -p}, and diff line counts against {@code git diff
 * --no-index --numstat}. Any difference fails the test with the case that produced it.
 */
class GitParityTest {
  private static final int MERGE_CASES = 1500;
  private static final int DIFF_CASES = 1000;

  @TempDir Path dir;

  @Test
  void merge_matchesGitMergeFileDiff3_onGeneratedTriples() throws Exception {
    TextCaseGenerator gen = new TextCaseGenerator(20261123L);
    List<String> mismatches = new ArrayList<>();
    int conflicted = 0;
    int compared = 0;
    for (TextCaseGenerator.Triple c : gen.triples(MERGE_CASES)) {
      Path base = write("base", c.base());
      Path ours = write("ours", c.ours());
      Path theirs = write("theirs", c.theirs());
      GitCli.Run git = GitCli.mergeFile(dir, ours, base, theirs);
      assertThat(git.exitCode()).as("git merge-file failed: %s", git.stderr()).isBetween(0, 127);
      TextMerge.Result ours2 =
          TextMerge.merge(
              c.base(), c.ours(), c.theirs(), new TextMerge.Labels("project", "base", "collection"));
      compared++;
      if (ours2.conflicts() > 0) {
        conflicted++;
      }
      if (!java.util.Arrays.equals(git.stdout(), ours2.content())
          || Math.min(ours2.conflicts(), 127) != git.exitCode()) {
        mismatches.add(describe(c, git, ours2));
      }
    }
    System.out.printf(
        "GitParityTest: compared %d three-way merges with git merge-file --diff3 (%d with conflicts), %d mismatches%n",
        compared, conflicted, mismatches.size());
    assertThat(conflicted).as("generated cases must include conflicts").isGreaterThan(100);
    assertThat(compared - conflicted).as("and clean merges").isGreaterThan(100);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void diffCounts_matchGitDiffNumstat_onGeneratedPairs() throws Exception {
    TextCaseGenerator gen = new TextCaseGenerator(7L);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < DIFF_CASES; i++) {
      byte[][] pair = gen.pair(i);
      Path a = write("a", pair[0]);
      Path b = write("b", pair[1]);
      GitCli.Run git = GitCli.run(dir, List.of("diff", "--no-index", "--numstat", "a", "b"));
      LineDiff d = LineDiff.of(pair[0], pair[1]);
      String expected = new String(git.stdout(), StandardCharsets.UTF_8).trim();
      String actual =
          d.isEmpty() ? "" : d.linesAdded() + "\t" + d.linesRemoved() + "\ta => b";
      compared++;
      if (!expected.equals(actual) && !(expected.isEmpty() && d.isEmpty())) {
        mismatches.add("pair " + i + ": git='" + expected + "' engine='" + actual + "'");
      }
    }
    System.out.printf(
        "GitParityTest: compared %d diffs with git diff --no-index --numstat, %d mismatches%n",
        compared, mismatches.size());
    assertThat(mismatches).isEmpty();
  }

  private Path write(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static String describe(
      TextCaseGenerator.Triple c, GitCli.Run git, TextMerge.Result engine) {
    return c.name()
        + ": git exit "
        + git.exitCode()
        + " engine conflicts "
        + engine.conflicts()
        + "\n--- base\n"
        + show(c.base())
        + "--- ours\n"
        + show(c.ours())
        + "--- theirs\n"
        + show(c.theirs())
        + "--- git\n"
        + show(git.stdout())
        + "--- engine\n"
        + show(engine.content());
  }

  private static String show(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replace("\r", "\\r") + "\n";
  }
}
