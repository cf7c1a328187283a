package dev.tiersync.engine.history;

import dev.tiersync.engine.content.ArtifactTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * The content-addressed store of every artifact version tiersync reads or writes (SPEC section 3),
 * kept in a bare Git repository ({@code <dataDir>/history.git} by default) so that blobs and trees
 * are deduplicated and compressed and a merge base can always be found again by its hash.
 *
 * <p>Layout:
 *
 * <ul>
 *   <li>{@code refs/tiersync/v/<contentHash>} points at a commit whose tree is the version (Git
 *       modes 100644, 100755, 120000; folders as subtrees). The commit message records the shape
 *       (single file or folder) and, per file, the sha256 and size of its bytes, so {@link #get}
 *       rebuilds entries without reading any blob. The commit is deterministic (fixed identity and
 *       time), so storing the same content anywhere yields the same commit id.
 *   <li>{@code refs/tiersync/lineage/<sha256(artifactId + "\n" + scope)>} is a chain of commits,
 *       one per recorded version, each with the version's tree, so {@code git log -p} on a lineage
 *       ref shows how an artifact changed on a tier.
 *   <li>{@code refs/tiersync/skillmeat/<skillMeatHash>} points at the commit of the version that
 *       SkillMeat's hash names, for SkillMeat's records ({@link #bySkillMeatHash}).
 * </ul>
 *
 * <p>The entry point that wires the parts, each of one concern: {@link HistoryRepository} (the
 * repository's creation, gc and closing), {@link VersionStore} (the versions), {@link
 * LineageLog} (the lineages) and {@link SkillMeatAliases} (SkillMeat's names for versions).
 *
 * <p>Instances are thread-safe and share one {@link Repository}. Several processes may use the same
 * store: refs are only ever moved with compare-and-swap and retried. The repository is created on
 * first use. Trees returned by {@link #get} read their blobs lazily and stay readable until {@link
 * #close()}.
 */
public final class HistoryStore implements AutoCloseable {
  /** Name of the store's folder inside the data dir. */
  public static final String DEFAULT_DIR_NAME = "history.git";

  private final HistoryRepository repository;
  private final VersionStore versions;
  private final LineageLog lineages;
  private final SkillMeatAliases skillMeatAliases;

  private HistoryStore(Path gitDir) {
    this.repository = new HistoryRepository(gitDir);
    this.versions = new VersionStore(repository);
    this.lineages = new LineageLog(repository, versions);
    this.skillMeatAliases = new SkillMeatAliases(repository);
  }

  /**
   * Opens the store at {@code <dataDir>/history.git}. Cheap: nothing is read or created until the
   * first call that needs the repository.
   */
  public static HistoryStore open(Path dataDir) {
    return new HistoryStore(dataDir.resolve(DEFAULT_DIR_NAME));
  }

  /** Opens the store in the given bare repository folder, created on first use if absent. */
  public static HistoryStore openAt(Path gitDir) {
    return new HistoryStore(gitDir);
  }

  /** The bare repository folder backing this store. */
  public Path gitDir() {
    return repository.gitDir();
  }

  /**
   * Stores a version and returns its canonical content hash. Blobs are streamed from each entry's
   * loader, never held whole in memory.
   *
   * <p>Idempotent: when the hash is already stored nothing is read or written. A hash does not
   * encode the shape, so a folder holding one file {@code x} and a single-file artifact {@code x}
   * share one stored version, with the shape of whichever was stored first.
   *
   * @throws HistoryIntegrityException if an entry's bytes do not match its sha256 or size (the
   *     source changed while being read); nothing is recorded and a retry after re-reading the
   *     source may succeed
   * @throws IllegalArgumentException if a path cannot be stored in Git (e.g. a {@code .git} or
   *     {@code ..} segment, or a file that is also a folder)
   * @throws IOException if the repository cannot be written
   */
  public String put(ArtifactTree tree) throws IOException {
    return versions.put(tree);
  }

  /**
   * The stored version with this content hash, or empty when it was never stored (or the string is
   * not a 64-digit hex hash). Entries carry their sha256 from the store's index and read their
   * bytes lazily; {@code contentHash()} of the result equals the requested hash.
   *
   * @throws HistoryIntegrityException if the stored version does not hash to its name
   * @throws IOException if the repository cannot be read
   */
  public Optional<ArtifactTree> get(String contentHash) throws IOException {
    return versions.get(contentHash);
  }

  /**
   * The version a job recorded by its hash: null for null (no version), else it must be stored.
   *
   * @throws IOException if it is not stored (or cannot be read)
   */
  public ArtifactTree require(String contentHash) throws IOException {
    if (contentHash == null) {
      return null;
    }
    return get(contentHash)
        .orElseThrow(
            () -> new IOException("version " + contentHash + " is missing from the history store"));
  }

  /**
   * Whether a version with this content hash is stored; false for strings that are no hash.
   *
   * @throws IOException if the repository cannot be read
   */
  public boolean contains(String contentHash) throws IOException {
    return versions.contains(contentHash);
  }

  /**
   * Records that SkillMeat's hash of the stored version {@code contentHash} is {@code
   * skillMeatHash}, so that a SkillMeat record naming it finds the version again ({@link
   * #bySkillMeatHash}). Idempotent; a later call for the same SkillMeat hash and another version
   * wins.
   *
   * @return false (and nothing recorded) when {@code contentHash} is not stored
   * @throws IllegalArgumentException if either is not a 64-digit hex hash
   * @throws IOException if the repository cannot be written
   */
  public boolean aliasSkillMeatHash(String skillMeatHash, String contentHash) throws IOException {
    return skillMeatAliases.put(skillMeatHash, contentHash);
  }

  /**
   * The stored version last recorded under this SkillMeat hash ({@link #aliasSkillMeatHash}), or
   * empty.
   *
   * @throws IOException if the repository cannot be read
   */
  public Optional<ArtifactTree> bySkillMeatHash(String skillMeatHash) throws IOException {
    Optional<String> hash = skillMeatAliases.get(skillMeatHash);
    return hash.isEmpty() ? Optional.empty() : get(hash.get());
  }

  /**
   * Appends a version to a lineage. A no-op (returning false) when the lineage's newest entry
   * already has this hash, so recording the state after every read is safe. The version need not be
   * stored; when it is, the lineage commit carries its tree.
   *
   * <p>Safe under concurrency: callers in one JVM are serialised per lineage, and racing processes
   * are resolved by a compare-and-swap on the lineage ref that is retried on the new head.
   *
   * @return true if an entry was appended
   * @throws IllegalArgumentException if {@code contentHash} is not a 64-digit hex hash
   * @throws IOException if the repository cannot be written, or the ref stayed contended for 30 s
   */
  public boolean recordLineage(LineageKey key, String contentHash, Instant at, String note)
      throws IOException {
    return lineages.record(key, contentHash, at, note);
  }

  /**
   * The versions an artifact has had in one scope, oldest first; empty if none was recorded.
   *
   * @throws IOException if the repository cannot be read
   */
  public List<LineageEntry> lineage(LineageKey key) throws IOException {
    return lineages.read(key);
  }

  /**
   * Packs loose objects and refs. Every stored version and lineage stays reachable from its ref, so
   * nothing recorded is lost; only unreachable objects (blobs of failed puts) are pruned, once
   * older than Git's prune expiry (two weeks by default). Safe to run while others use the store,
   * but it costs time proportional to the store's size: schedule it, don't call it per request.
   *
   * @throws IOException if gc fails; the store stays usable
   */
  public void gc() throws IOException {
    repository.gc();
  }

  /** Closes the repository; trees returned earlier can no longer load their bytes. */
  @Override
  public void close() {
    repository.close();
  }
}
