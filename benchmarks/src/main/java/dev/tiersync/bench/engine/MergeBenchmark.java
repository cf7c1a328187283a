package dev.tiersync.bench.engine;

import dev.tiersync.engine.merge.TextMerge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Three-way merge of a 1 MB text file where each side changed 1% of the lines (a few of the
 * changes overlap and conflict): {@link TextMerge} on the bytes read from disk against {@code git
 * merge-file -p --diff3} on the same three files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MergeBenchmark {
  private static final TextMerge.Labels LABELS = new TextMerge.Labels("ours", "base", "theirs");
  private Path dir;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-merge");
    Random r = new Random(42);
    String[] base = Fixtures.lines(r, 1024 * 1024);
    Files.write(dir.resolve("base"), Fixtures.join(base));
    Files.write(dir.resolve("ours"), Fixtures.join(Fixtures.edit(r, base, 0.01, "ours")));
    Files.write(dir.resolve("theirs"), Fixtures.join(Fixtures.edit(r, base, 0.01, "theirs")));
  }

  @TearDown
  public void tearDown() throws IOException {
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public TextMerge.Result tiersync() throws IOException {
    return TextMerge.merge(
        Files.readAllBytes(dir.resolve("base")),
        Files.readAllBytes(dir.resolve("ours")),
        Files.readAllBytes(dir.resolve("theirs")),
        LABELS);
  }

  @Benchmark
  public int gitMergeFile() {
    return Fixtures.run(dir, 127, "git", "merge-file", "-p", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs");
  }
}
