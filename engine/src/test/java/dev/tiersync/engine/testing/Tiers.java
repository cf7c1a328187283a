package dev.tiersync.engine.testing;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The three tiers on disk for a test, the one fixture every module's tests build them with:
 *
 * <pre>
 * root/upstream.git         bare upstream Git repository, reached by a file:// URL
 * root/upstream-work        the work repository its commits are pushed from
 * root/collections/default  collection.toml, collection.lock and the artifacts
 * root/projects/app         .claude/ with the artifacts and .skillmeat-deployed.toml
 * root/data                 the {@link #engine() engine}'s history store and upstream cache
 * </pre>
 *
 * More collections and projects sit beside {@code default} and {@code app}. Files are written as
 * SkillMeat writes them; the engine writes its own as it does in production.
 */
public final class Tiers implements AutoCloseable {
  public static final String DEFAULT_COLLECTION = "default";
  public static final String DEFAULT_PROJECT = "app";

  private final Path root;
  private final UpstreamRepo upstream;
  private final Map<String, CollectionFolder> collections = new HashMap<>();
  private final Map<String, ProjectFolder> projects = new HashMap<>();
  private TestEngine engine;

  private Tiers(Path root, UpstreamRepo upstream) {
    this.root = root;
    this.upstream = upstream;
  }

  /**
   * The upstream (empty, default branch {@code main}), the default collection (no artifacts) and
   * the default project.
   */
  public static Tiers create(Path root) throws IOException, GitAPIException {
    Path abs = Files.createDirectories(root).toAbsolutePath();
    Tiers tiers = new Tiers(abs, UpstreamRepo.create(abs, "main"));
    tiers.collection();
    tiers.project();
    return tiers;
  }

  public Path root() {
    return root;
  }

  /** The folder holding the collections, as {@code TIERSYNC_COLLECTIONS} names it. */
  public Path collectionsRoot() {
    return root.resolve("collections");
  }

  /** The allowed project root, as {@code TIERSYNC_PROJECT_ROOTS} names it. */
  public Path projectsRoot() {
    return root.resolve("projects");
  }

  public UpstreamRepo upstream() {
    return upstream;
  }

  public CollectionFolder collection() {
    return collection(DEFAULT_COLLECTION);
  }

  /** The collection folder {@code name}, made with an empty collection.toml on first use. */
  public synchronized CollectionFolder collection(String name) {
    return collections.computeIfAbsent(
        name, n -> unchecked(() -> CollectionFolder.create(collectionsRoot().resolve(n))));
  }

  public ProjectFolder project() {
    return project(DEFAULT_PROJECT);
  }

  /** The project folder {@code name} with an empty {@code .claude/}, made on first use. */
  public synchronized ProjectFolder project(String name) {
    return projects.computeIfAbsent(
        name, n -> unchecked(() -> ProjectFolder.create(projectsRoot().resolve(n))));
  }

  /** Commits {@code skills/<name>/SKILL.md} upstream and lists it in the default collection. */
  public RevCommit addUpstreamSkill(String name, String skillMd)
      throws IOException, GitAPIException {
    RevCommit commit =
        upstream.commit("add " + name, Map.of("skills/" + name + "/SKILL.md", skillMd));
    collection().list(upstreamSkill(name));
    return commit;
  }

  /** The collection.toml entry of a skill that follows {@code main} of the upstream. */
  public ManifestEntry upstreamSkill(String name) {
    return ManifestEntry.upstreamSkill(name, upstream.url());
  }

  /** The default collection and project as one scope. */
  public TierScope scope() {
    return new TierScope(collection().layout(), project().layout());
  }

  /** Resolves scopes as the app does, with {@link #projectsRoot()} the only allowed root. */
  public ScopeResolver scopes() {
    return new ScopeResolver(new CollectionsRoot(collectionsRoot()), List.of(projectsRoot()));
  }

  /** The engine over {@code root/data}, opened on first use and closed with these tiers. */
  public synchronized TestEngine engine() {
    if (engine == null) {
      engine = TestEngine.open(root.resolve("data"));
    }
    return engine;
  }

  /** Content hashes of the default collection and project, to prove that nothing changed. */
  public String fingerprint() throws IOException {
    return hash(collection().root()) + "/" + hash(project().dir());
  }

  /** The version on disk at {@code path}, read as tiersync reads it. */
  public static ArtifactTree tree(Path path) throws IOException {
    return new DiskTreeReader(new HashCache()).read(path).orElseThrow();
  }

  /** The content hash of what is at {@code path}, or null when nothing is. */
  public static String hash(Path path) throws IOException {
    return new DiskTreeReader(new HashCache())
        .read(path)
        .map(ArtifactTree::contentHash)
        .orElse(null);
  }

  @Override
  public synchronized void close() {
    if (engine != null) {
      engine.close();
    }
    upstream.close();
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> make) {
    try {
      return make.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
