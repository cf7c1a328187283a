package dev.tiersync.bench.engine;

import dev.tiersync.engine.content.HashCache;
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
 * Content hashing throughput: {@link HashCache#digest} (the streaming sha256 every tier's content
 * hash is built from) against {@code sha256sum} on the same 64 MiB file, which stays in the page
 * cache, so both measure hashing rather than the disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HashBenchmark {
  /** Bytes hashed per call; the report turns times into MB/s with it. */
  public static final int SIZE = 64 * 1024 * 1024;

  private Path dir;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-hash");
    byte[] bytes = new byte[SIZE];
    new Random(42).nextBytes(bytes);
    Files.write(dir.resolve("data.bin"), bytes);
  }

  @TearDown
  public void tearDown() throws IOException {
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public String tiersync() throws IOException {
    return HashCache.digest(dir.resolve("data.bin"));
  }

  @Benchmark
  public int sha256sum() {
    return Fixtures.run(dir, 0, "sha256sum", "data.bin");
  }
}
