package dev.tiersync.bench.engine;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.diff.ArtifactDiff;
import dev.tiersync.engine.diff.ArtifactDiffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Diff of a 1 MB text file with 1% and 100% of its lines changed: tiersync's {@link ArtifactDiffer}
 * (line counts and the inline unified diff, as the diff API computes them, reading both files from
 * disk) against {@code git diff --no-index} on the same two files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DiffBenchmark {
  @Param({"0.01", "1.0"})
  public double changed;

  private Path dir;
  private ArtifactTree before;
  private ArtifactTree after;
  private final ArtifactDiffer differ = new ArtifactDiffer(4L * 1024 * 1024);

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-diff");
    Random r = new Random(42);
    String[] a = Fixtures.lines(r, 1024 * 1024);
    Files.createDirectories(dir.resolve("old"));
    Files.createDirectories(dir.resolve("new"));
    Files.write(dir.resolve("old/file.txt"), Fixtures.join(a));
    Files.write(dir.resolve("new/file.txt"), Fixtures.join(Fixtures.edit(r, a, changed, "changed")));
    DiskTreeReader reader = new DiskTreeReader(new HashCache());
    before = reader.read(dir.resolve("old")).orElseThrow();
    after = reader.read(dir.resolve("new")).orElseThrow();
  }

  @TearDown
  public void tearDown() throws IOException {
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public ArtifactDiff tiersync() {
    // The trees' entries load their bytes from disk on each call, as in the diff API.
    return differ.diff(before, after);
  }

  @Benchmark
  public int gitDiffNoIndex() {
    return Fixtures.run(dir, 1, "git", "diff", "--no-index", "old/file.txt", "new/file.txt");
  }
}
