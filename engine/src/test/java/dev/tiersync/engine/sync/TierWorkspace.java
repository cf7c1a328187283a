package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * A real three-tier setup for engine tests: a bare upstream Git repository reached by a {@code
 * file://} URL, a collection folder with {@code collection.toml}, a project folder, and the
 * engine over a data dir holding the history store and upstream cache.
 */
final class TierWorkspace implements AutoCloseable {
  final UpstreamRepo upstream;
  final CollectionLayout collection;
  final ProjectLayout project;
  final HistoryStore history;
  final UpstreamCache cache;
  final SyncEngine engine;
  final TierScope scope;

  TierWorkspace(Path root) throws Exception {
    upstream = UpstreamRepo.create(root.resolve("remote"), "main");
    collection = new CollectionLayout(root.resolve("collections/default"));
    project = new ProjectLayout(root.resolve("project"));
    Files.createDirectories(collection.root());
    Files.createDirectories(project.claudeDir());
    Path data = root.resolve("data");
    history = HistoryStore.open(data);
    cache = new UpstreamCache(data);
    HashCache hashes = new HashCache();
    engine =
        new SyncEngine(
            new TierReader(new DiskTreeReader(hashes), history, cache),
            history,
            new StatusCalculator(),
            new AtomicArtifactWriter(),
            Clock.systemUTC());
    scope = new TierScope(collection, project);
  }

  /** Lists a skill in collection.toml as coming from the upstream's {@code skills/<name>}. */
  void listSkillFromUpstream(String name, String versionSpec) throws IOException {
    String toml =
        """
        [collection]
        name = "default"
        version = "1.0.0"
        created = "2026-11-01T10:00:00"
        updated = "2026-11-01T10:00:00"

        [[artifacts]]
        name = "%s"
        type = "skill"
        path = "skills/%s"
        origin = "local"
        upstream = "%s"
        upstream_path = "skills/%s"
        version_spec = "%s"
        added = "2026-11-01T10:00:00"
        """
            .formatted(name, name, upstream.url(), name, versionSpec);
    Files.writeString(collection.manifestFile(), toml);
  }

  void commitUpstream(String message, Map<String, String> files) throws Exception {
    upstream.commit(message, files);
  }

  void writeCollection(ArtifactId id, String file, String content) throws IOException {
    write(collection.artifactPath(id).resolve(file), content);
  }

  void writeProject(ArtifactId id, String file, String content) throws IOException {
    write(project.artifactPath(id).resolve(file), content);
  }

  String readCollection(ArtifactId id, String file) throws IOException {
    return Files.readString(collection.artifactPath(id).resolve(file));
  }

  String readProject(ArtifactId id, String file) throws IOException {
    return Files.readString(project.artifactPath(id).resolve(file));
  }

  ArtifactSnapshot snapshot(ArtifactId id) throws IOException {
    return engine.snapshot(scope, id, FetchPolicy.ALWAYS);
  }

  ArtifactResult sync(ArtifactId id, Direction d, MergeStrategy s)
      throws IOException {
    ArtifactPlan plan = engine.plan(scope, id, d, s, FetchPolicy.ALWAYS, null);
    return engine.apply(scope, d, plan);
  }

  /** Content hashes of every file under the collection and project, to prove nothing changed. */
  String fingerprint() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path root : new Path[] {collection.root(), project.projectDir()}) {
      ArtifactTree t = new DiskTreeReader(new HashCache()).read(root).orElse(null);
      sb.append(t == null ? "-" : t.contentHash()).append('\n');
    }
    return sb.toString();
  }

  private static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Override
  public void close() {
    upstream.close();
    cache.close();
    history.close();
  }
}
