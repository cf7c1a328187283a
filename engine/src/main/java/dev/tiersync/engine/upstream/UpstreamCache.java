package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.ArtifactTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Reads upstream Git repositories (https, ssh, {@code file://} URLs, or local paths to bare or
 * non-bare repositories) through a local bare mirror per url under {@code <dataDir>/upstream/}.
 * The first fetch clones; later ones fetch all branches and tags with prune. The upstream is never
 * written to.
 *
 * <p>The entry point that wires the parts, each of one concern as JGit separates {@code
 * Repository}, {@code RefDatabase} and {@code ObjectReader}: {@link Mirrors} (where a mirror lives,
 * clone and fetch under its lock, with {@link MirrorFetcher}), {@link RefResolver} (refs and shas
 * to commits), {@link UpstreamTreeReader} (an artifact's tree at a commit) and {@link PathHistory}
 * (the commits that changed a path).
 *
 * <p>Thread-safe. Fetches of one url are serialised by a lock per mirror that also holds across
 * processes; reads need no lock. Trees returned by {@link #readArtifact} load their bytes lazily
 * and stay readable until {@link #close()}.
 *
 * <p>Failures: {@link UpstreamUnavailableException} (an {@link IOException}; transient) when the
 * remote cannot be reached or read, or its subclass {@link UpstreamRepositoryNotFoundException}
 * (permanent) when there is no repository at the url; {@link UpstreamRefNotFoundException}
 * (unchecked; permanent) when the remote answered but the ref or commit is not there, or the path
 * is unsafe; {@link CancellationException} when a {@link FetchProgress} cancelled the transfer.
 *
 * <p>ssh urls need an {@code SshSessionFactory} on the classpath (JGit's {@code
 * org.eclipse.jgit.ssh.apache}) or the {@code GIT_SSH} environment variable; without either they
 * fail as unavailable.
 */
public final class UpstreamCache implements AutoCloseable {
  /** Name of the cache's folder inside the data dir. */
  public static final String DEFAULT_DIR_NAME = "upstream";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final Mirrors mirrors;
  private final RefResolver refs;
  private final UpstreamTreeReader trees;
  private final PathHistory history;
  private final UpstreamArtifacts artifacts;

  /** A cache under {@code <dataDir>/upstream} with a 60 s network timeout and no credentials. */
  public UpstreamCache(Path dataDir) {
    this(dataDir, DEFAULT_TIMEOUT, null);
  }

  /**
   * @param dataDir the data dir; mirrors go to {@code <dataDir>/upstream}
   * @param networkTimeout how long a network read may stall before the fetch fails (the limit on a
   *     whole fetch is given per call, see {@link #resolve(String, String, FetchPolicy,
   *     FetchProgress, Duration)})
   * @param credentials for https remotes that need them; null for none
   */
  public UpstreamCache(Path dataDir, Duration networkTimeout, CredentialsProvider credentials) {
    this.mirrors =
        new Mirrors(
            dataDir.resolve(DEFAULT_DIR_NAME).toAbsolutePath().normalize(),
            new MirrorFetcher(networkTimeout, credentials));
    this.refs = new RefResolver(mirrors);
    this.trees = new UpstreamTreeReader(refs);
    this.history = new PathHistory(mirrors, refs);
    this.artifacts = new UpstreamArtifacts(refs);
  }

  /**
   * The local mirror folder for {@code url} (which may not exist yet). Other components may open it
   * read-only, e.g. to trial-apply a patch; they must not write to it.
   */
  public Path mirrorDir(String url) {
    return mirrors.dir(Remote.of(url));
  }

  /**
   * Clones the url into its mirror on first use, otherwise fetches all branches and tags with
   * prune, and records the remote's default branch. Idempotent; concurrent calls for one url run
   * one after the other.
   *
   * @throws UpstreamUnavailableException if the remote cannot be reached or read
   * @throws CancellationException if {@code progress} cancelled the transfer
   */
  public void fetch(String url, FetchProgress progress) throws UpstreamUnavailableException {
    mirrors.fetch(Remote.of(url), progress);
  }

  /**
   * When {@code url} was last fetched successfully into its mirror (by a refresh, a job, the
   * drift watch), or empty when it never was.
   */
  public Optional<Instant> lastFetched(String url) {
    return mirrors.lastFetched(Remote.of(url));
  }

  /**
   * {@link #resolve(String, String, FetchPolicy, FetchProgress)} with {@link FetchPolicy#ALWAYS}.
   */
  public ResolvedRef resolve(String url, String ref) throws UpstreamUnavailableException {
    return resolve(url, ref, FetchPolicy.ALWAYS, null);
  }

  /**
   * Resolves a ref of the upstream to a commit: {@code null}, blank or {@code latest} is the
   * remote's default branch; otherwise a tag (annotated tags peeled), a branch, a full or
   * abbreviated commit sha, or a full ref name ({@code refs/heads/x}, {@code refs/tags/v1}). Like
   * {@code git rev-parse}, a full sha wins over names, and a tag over a branch of the same name.
   *
   * @param policy whether to fetch before resolving
   * @param progress receives fetch progress; may be null
   * @throws UpstreamUnavailableException if a needed fetch fails, or with {@link FetchPolicy#NEVER}
   *     the mirror cannot answer
   * @throws UpstreamRefNotFoundException if the ref does not exist upstream, is ambiguous, or does
   *     not name a commit
   */
  public ResolvedRef resolve(String url, String ref, FetchPolicy policy, FetchProgress progress)
      throws UpstreamUnavailableException {
    return refs.resolve(url, ref, policy, progress);
  }

  /**
   * {@link #resolve(String, String, FetchPolicy, FetchProgress)} where a fetch it makes takes at
   * most {@code fetchLimit} in all, not only per network read: for answers someone is waiting for.
   *
   * @throws UpstreamTimeoutException if the fetch did not finish within the limit
   */
  public ResolvedRef resolve(
      String url, String ref, FetchPolicy policy, FetchProgress progress, Duration fetchLimit)
      throws UpstreamUnavailableException {
    return refs.resolve(url, ref, policy, progress, fetchLimit);
  }

  /**
   * The artifacts found at or under {@code folder} in commit {@code commitSha} by SPEC's layout (a
   * folder holding {@code SKILL.md} is a skill and is not searched further; {@code commands/*.md},
   * {@code agents/*.md}, {@code hooks/*.md}, {@code mcp/*} wherever their container sits), in tree
   * order, each with its front matter description and the newest commit that changed its path
   * (read in one walk of the history). Fetches only when the commit is not in the mirror yet.
   *
   * @param folder a path inside the repository; empty or null for the root
   * @param repositoryName the name a skill at the repository's root takes
   * @throws UpstreamUnavailableException if a needed fetch fails
   * @throws UpstreamRefNotFoundException if the commit does not exist upstream or the folder is
   *     unsafe
   */
  public List<FoundArtifact> artifacts(
      String url, String commitSha, String folder, String repositoryName)
      throws UpstreamUnavailableException {
    return artifacts.list(url, commitSha, folder, repositoryName);
  }

  /**
   * The commits that changed anything at {@code path} between {@code fromSha} (exclusive) and
   * {@code toSha} (inclusive), newest first: {@code git log <from>..<to> -- <path>}, all counted
   * and at most {@code limit} listed. Fetches only when the mirror lacks one of the commits.
   *
   * @param limit how many to list; 0 only counts
   * @param fetchLimit the longest a needed fetch may take in all; null for no limit
   * @throws UpstreamUnavailableException if a needed fetch fails ({@link
   *     UpstreamTimeoutException} if it took too long)
   * @throws UpstreamRefNotFoundException if a commit does not exist upstream or the path is unsafe
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public CommitRange commitsBetween(
      String url, String fromSha, String toSha, String path, int limit, Duration fetchLimit)
      throws UpstreamUnavailableException {
    return history.range(url, fromSha, toSha, path, limit, fetchLimit);
  }

  /** {@link #readArtifact(String, String, String, FetchProgress)} without progress. */
  public Optional<ArtifactTree> readArtifact(String url, String commitSha, String pathInRepo)
      throws UpstreamUnavailableException {
    return readArtifact(url, commitSha, pathInRepo, null);
  }

  /**
   * The artifact at {@code pathInRepo} in commit {@code commitSha}: a folder becomes a folder tree
   * (excluded paths and submodules left out), a file or symlink a single-file tree named after the
   * path's last segment; empty when nothing is at the path. An empty path is the repository root.
   * Entries carry the sha256 of their bytes (cached by blob id) and load the bytes lazily. Fetches
   * only when the commit is not in the mirror yet.
   *
   * @throws UpstreamUnavailableException if a needed fetch fails
   * @throws UpstreamRefNotFoundException if the commit does not exist upstream, or the path is
   *     absolute, holds {@code ..}, or the tree holds unsafe entry names
   */
  public Optional<ArtifactTree> readArtifact(
      String url, String commitSha, String pathInRepo, FetchProgress progress)
      throws UpstreamUnavailableException {
    return trees.read(url, commitSha, pathInRepo, progress);
  }

  /**
   * The Git object id of the tree or blob at {@code pathInRepo} in {@code commitSha}, or empty when
   * nothing is there: equal ids mean equal content, so comparing ids is a cheap change check. (For
   * a single file the blob id does not cover its mode; an exec-bit-only change needs {@link
   * #readArtifact}.) Fetches only when the commit is not in the mirror yet.
   *
   * @throws UpstreamUnavailableException if a needed fetch fails
   * @throws UpstreamRefNotFoundException if the commit does not exist upstream or the path is
   *     unsafe
   */
  public Optional<String> artifactTreeId(String url, String commitSha, String pathInRepo)
      throws UpstreamUnavailableException {
    return trees.treeId(url, commitSha, pathInRepo);
  }

  /** {@link #history(String, String, String, int, FetchPolicy, FetchProgress)}, fetching first. */
  public List<CommitInfo> history(String url, String ref, String path, int max)
      throws UpstreamUnavailableException {
    return history(url, ref, path, max, FetchPolicy.ALWAYS, null);
  }

  /**
   * Up to {@code max} commits reachable from {@code ref} that changed anything at {@code path}
   * (added, modified or deleted it), newest first; an empty path means every commit.
   *
   * @throws UpstreamUnavailableException if a needed fetch fails
   * @throws UpstreamRefNotFoundException if the ref does not exist or the path is unsafe
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public List<CommitInfo> history(
      String url, String ref, String path, int max, FetchPolicy policy, FetchProgress progress)
      throws UpstreamUnavailableException {
    return history.log(url, ref, path, max, policy, progress);
  }

  /** Closes every open mirror; trees returned earlier can no longer load their bytes. */
  @Override
  public void close() {
    mirrors.close();
  }
}
