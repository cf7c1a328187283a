package dev.tiersync.bench.engine;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.patch.ArtifactPatchInput;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.patch.PatchBundle;
import dev.tiersync.engine.patch.PatchBase;
import dev.tiersync.engine.patch.PatchBundleBuilder;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
 * A patch bundle of a 10 MiB skill (100 text files of 100 KiB, each with 1% of its lines edited in
 * the project) against a local upstream mirror: {@link PatchBundleBuilder} (per-file git patches,
 * the project's files, the manifest, the trial apply, tar.gz) against {@code tar czf} of the same
 * project folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PatchBundleBenchmark {
  private static final int FILES = 100;
  private static final int FILE_BYTES = 100 * 1024;

  private Path dir;
  private UpstreamCache cache;
  private PatchBundleBuilder builder;
  private List<ArtifactPatchInput> inputs;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-patch");
    Path work = dir.resolve("upstream-work");
    Path project = dir.resolve("project/.claude/skills/big");
    Files.createDirectories(work.resolve("skills/big"));
    Files.createDirectories(project);
    Random r = new Random(42);
    for (int i = 0; i < FILES; i++) {
      String[] lines = Fixtures.lines(r, FILE_BYTES);
      Files.write(work.resolve("skills/big/f" + i + ".md"), Fixtures.join(lines));
      Files.write(project.resolve("f" + i + ".md"), Fixtures.join(Fixtures.edit(r, lines, 0.01, "edited")));
    }
    Fixtures.run(work, 0, "git", "init", "-q", "-b", "main");
    Fixtures.run(work, 0, "git", "add", "-A");
    Fixtures.run(work, 0, "git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", "big");
    Fixtures.run(dir, 0, "git", "clone", "-q", "--bare", work.toString(), dir.resolve("upstream.git").toString());
    String base = headOf(work);
    cache = new UpstreamCache(dir.resolve("data"));
    builder = new PatchBundleBuilder(cache, Clock.fixed(Instant.parse("2026-11-05T10:15:30Z"), ZoneOffset.UTC), FetchPolicy.IF_MISSING);
    ArtifactTree projectVersion = new DiskTreeReader(new HashCache()).read(project).orElseThrow();
    inputs =
        List.of(
            new ArtifactPatchInput(
                ArtifactId.parse("skill:big"),
                new UpstreamSpec("file://" + dir.resolve("upstream.git"), "main", "skills/big"),
                base,
                projectVersion));
    tiersync();
  }

  @TearDown
  public void tearDown() throws IOException {
    cache.close();
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public PatchBundle tiersync() throws IOException {
    return builder.build(inputs, BundleFormat.TAR_GZ, PatchBase.UPSTREAM_HEAD, dir.resolve("bundle.tar.gz"));
  }

  @Benchmark
  public int tarCzf() {
    return Fixtures.run(dir, 0, "tar", "czf", "tar-peer.tar.gz", "-C", "project", ".claude/skills/big");
  }

  private static String headOf(Path repo) throws IOException {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(repo.toFile()).start();
      String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor() != 0) {
        throw new IOException("git rev-parse HEAD failed in " + repo);
      }
      return sha;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
