package dev.tiersync.bench.engine;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * The status table of 1,000 artifacts (listed in collection.toml; collection and project, five
 * files each), computed as the
 * artifact list API does: {@link SyncEngine#snapshot} per artifact under one {@link TierReader#pin}. The project was deployed by the
 * engine, then 10% of the artifacts were edited in the collection and another 10% in the project.
 *
 * <p>{@code cold}: a new hash cache and status calculator on every call, so every file is read and
 * hashed (the files themselves stay in the OS page cache). {@code warm}: one engine for all calls,
 * as in the running app, so only file metadata is read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StatusBenchmark {
  static final int ARTIFACTS = 1000;

  private Path dir;
  private HistoryStore history;
  private UpstreamCache upstream;
  private TierScope scope;
  private SyncEngine warmEngine;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-status");
    Path collection = dir.resolve("collections/default");
    Path project = dir.resolve("projects/app");
    Files.createDirectories(project.resolve(".claude"));
    for (int i = 0; i < ARTIFACTS; i++) {
      Path skill = collection.resolve("skills/" + name(i));
      Files.createDirectories(skill.resolve("docs"));
      Files.writeString(skill.resolve("SKILL.md"), "# " + name(i) + "\n" + "Use this skill well.\n".repeat(40));
      for (int f = 0; f < 4; f++) {
        Files.writeString(skill.resolve("docs/part" + f + ".md"), ("part " + f + " of " + name(i) + "\n").repeat(50));
      }
    }
    // Listed in collection.toml, as a real collection's artifacts are.
    CollectionManifest manifest = CollectionManifest.create("default", Instant.EPOCH);
    for (int i = 0; i < ARTIFACTS; i++) {
      manifest.upsert(ManifestArtifact.local(ArtifactId.parse("skill:" + name(i)), Instant.EPOCH));
    }
    manifest.save(collection.resolve(CollectionLayout.MANIFEST_FILE));
    history = HistoryStore.open(dir.resolve("data"));
    upstream = new UpstreamCache(dir.resolve("data"));
    scope = new TierScope(new CollectionLayout(collection), new ProjectLayout(project));
    warmEngine = engine(new HashCache(), new StatusCalculator());
    for (int i = 0; i < ARTIFACTS; i++) {
      ArtifactId id = ArtifactId.parse("skill:" + name(i));
      Direction direction = Direction.COLLECTION_TO_PROJECT;
      warmEngine.apply(
          scope,
          direction,
          warmEngine.plan(scope, id, direction, MergeStrategy.AUTO, FetchPolicy.NEVER, FetchProgress.NONE));
    }
    for (int i = 0; i < ARTIFACTS; i += 10) {
      Files.writeString(collection.resolve("skills/" + name(i) + "/SKILL.md"), "# changed in the collection\n", java.nio.file.StandardOpenOption.APPEND);
      Files.writeString(project.resolve(".claude/skills/" + name(i + 5) + "/docs/part1.md"), "local edit\n", java.nio.file.StandardOpenOption.APPEND);
    }
    warm();
  }

  @TearDown
  public void tearDown() throws IOException {
    history.close();
    upstream.close();
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public List<ArtifactSnapshot> cold() throws IOException {
    return statusOfAll(engine(new HashCache(), new StatusCalculator()));
  }

  @Benchmark
  public List<ArtifactSnapshot> warm() throws IOException {
    return statusOfAll(warmEngine);
  }

  private List<ArtifactSnapshot> statusOfAll(SyncEngine engine) throws IOException {
    List<ArtifactSnapshot> out = new ArrayList<>(ARTIFACTS);
    // As the artifact list API does: one view of the tier files for the whole list.
    try (TierReader.Pin pin = engine.reader().pin()) {
      for (ArtifactId id : engine.artifacts(scope)) {
        out.add(engine.snapshot(scope, id, FetchPolicy.IF_MISSING));
      }
    }
    if (out.size() != ARTIFACTS) {
      throw new IllegalStateException("expected " + ARTIFACTS + " artifacts, saw " + out.size());
    }
    return out;
  }

  private SyncEngine engine(HashCache hashes, StatusCalculator status) {
    return new SyncEngine(
        new TierReader(new DiskTreeReader(hashes), history, upstream),
        history,
        status,
        new AtomicArtifactWriter(),
        Clock.systemUTC());
  }

  private static String name(int i) {
    return String.format("skill-%04d", i);
  }
}
