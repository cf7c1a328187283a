package dev.tiersync.bench.engine;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetReader;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.status.StatusCalculator;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fleet matrix of 1,000 artifacts (listed in collection.toml, five files each) against 10
 * projects, read as {@code GET /api/v1/fleet} does: one {@link FleetReader#read} with the app's
 * long-lived engine (warm hash cache). Every project was deployed by the engine (the first one
 * artifact by artifact, the others copied from it, tracking files included); then 10% of the
 * artifacts were edited in the collection and, in each project, another 10% (a different tenth per
 * project).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FleetBenchmark {
  static final int ARTIFACTS = 1000;
  static final int PROJECTS = 10;

  private Path dir;
  private HistoryStore history;
  private UpstreamCache upstream;
  private CollectionLayout collection;
  private final List<ProjectLayout> projects = new ArrayList<>();
  private FleetReader warmReader;

  @Setup
  public void setUp() throws IOException {
    dir = Fixtures.tempDir("tiersync-bench-fleet");
    Path collectionDir = dir.resolve("collections/default");
    CollectionManifest manifest = CollectionManifest.create("default", Instant.EPOCH);
    for (int i = 0; i < ARTIFACTS; i++) {
      Path skill = collectionDir.resolve("skills/" + name(i));
      Files.createDirectories(skill.resolve("docs"));
      Files.writeString(skill.resolve("SKILL.md"), "# " + name(i) + "\n" + "Use this skill well.\n".repeat(40));
      for (int f = 0; f < 4; f++) {
        Files.writeString(skill.resolve("docs/part" + f + ".md"), ("part " + f + " of " + name(i) + "\n").repeat(50));
      }
      manifest.upsert(ManifestArtifact.local(ArtifactId.parse("skill:" + name(i)), Instant.EPOCH));
    }
    manifest.save(collectionDir.resolve(CollectionLayout.MANIFEST_FILE));
    collection = new CollectionLayout(collectionDir);
    history = HistoryStore.open(dir.resolve("data"));
    upstream = new UpstreamCache(dir.resolve("data"));
    SyncEngine engine =
        new SyncEngine(
            new TierReader(new DiskTreeReader(new HashCache()), history, upstream),
            history,
            new StatusCalculator(),
            new AtomicArtifactWriter(),
            Clock.systemUTC());
    Path first = dir.resolve("projects/p0");
    Files.createDirectories(first.resolve(".claude"));
    TierScope scope = new TierScope(collection, new ProjectLayout(first));
    Direction direction = Direction.COLLECTION_TO_PROJECT;
    for (int i = 0; i < ARTIFACTS; i++) {
      ArtifactId id = ArtifactId.parse("skill:" + name(i));
      engine.apply(
          scope,
          direction,
          engine.plan(scope, id, direction, MergeStrategy.AUTO, FetchPolicy.NEVER, FetchProgress.NONE));
    }
    for (int p = 0; p < PROJECTS; p++) {
      Path project = dir.resolve("projects/p" + p);
      if (p > 0) {
        copyTree(first, project);
      }
      projects.add(new ProjectLayout(project));
    }
    for (int i = 0; i < ARTIFACTS; i += 10) {
      append(collectionDir.resolve("skills/" + name(i) + "/SKILL.md"), "# changed in the collection\n");
      for (int p = 0; p < PROJECTS; p++) {
        int edited = (i + 1 + p % 9) % ARTIFACTS;
        append(dir.resolve("projects/p" + p + "/.claude/skills/" + name(edited) + "/docs/part1.md"), "local edit\n");
      }
    }
    warmReader = new FleetReader(engine, new StatusCalculator());
    warm();
  }

  @TearDown
  public void tearDown() throws IOException {
    history.close();
    upstream.close();
    Fixtures.deleteTree(dir);
  }

  @Benchmark
  public FleetMatrix warm() throws IOException {
    FleetMatrix m = warmReader.read(collection, projects);
    if (m.rows().size() != ARTIFACTS || m.projects().size() != PROJECTS) {
      throw new IllegalStateException("expected " + ARTIFACTS + " × " + PROJECTS + ", saw " + m.rows().size());
    }
    return m;
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.APPEND);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String name(int i) {
    return String.format("skill-%04d", i);
  }
}
