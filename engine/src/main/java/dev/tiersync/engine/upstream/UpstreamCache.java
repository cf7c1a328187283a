package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads upstream Git repositories (https, ssh, {@code file://} URLs, or local paths to bare or
 * non-bare repositories) through a local bare mirror per url under {@code <dataDir>/upstream/},
 * named {@code <first 20 hex digits of sha256(normalised url)>.git}. The first fetch clones; later
 * ones fetch all branches and tags with prune. The upstream is never written to.
 *
 * <p>Thread-safe. Fetches of one url are serialised by a lock per mirror that also holds across
 * processes (a file lock beside the mirror); reads need no lock because Git publishes objects
 * before it moves refs. Trees returned by {@link #readArtifact} load their bytes lazily and stay
 * readable until {@link #close()}.
 *
 * <p>Failures: {@link UpstreamUnavailableException} (an {@link IOException}; transient) when the
 * remote cannot be reached or read, or its subclass {@link UpstreamRepositoryNotFoundException}
 * (permanent) when there is no repository at the url; {@link UpstreamRefNotFoundException} (unchecked; permanent)
 * when the remote answered but the ref or commit is not there, or the path is unsafe; {@link
 * CancellationException} when a {@link FetchProgress} cancelled the transfer.
 *
 * <p>ssh urls need an {@code SshSessionFactory} on the classpath (JGit's {@code
 * org.eclipse.jgit.ssh.apache}) or the {@code GIT_SSH} environment variable; without either they
 * fail as unavailable.
 */
public final class UpstreamCache implements AutoCloseable {
  /** Name of the cache's folder inside the data dir. */
  public static final String DEFAULT_DIR_NAME = "upstream";

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final List<RefSpec> MIRROR_REFSPECS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{4,39}");
  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?[^/:]{2,}:.*");
  private static final int DIGEST_CACHE_ENTRIES = 100_000;

  private final Path cacheRoot;
  private final int timeoutSeconds;
  private final CredentialsProvider credentials;
  private final ConcurrentHashMap<String, ReentrantLock> fetchLocks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Path, Repository> repositories = new ConcurrentHashMap<>();
  private final BlobDigests digests = new BlobDigests(DIGEST_CACHE_ENTRIES);

  /** A cache under {@code <dataDir>/upstream} with a 60 s network timeout and no credentials. */
  public UpstreamCache(Path dataDir) {
    this(dataDir, DEFAULT_TIMEOUT, null);
  }

  /**
   * @param dataDir the data dir; mirrors go to {@code <dataDir>/upstream}
   * @param networkTimeout how long a network read may stall before the fetch fails
   * @param credentials for https remotes that need them; null for none
   */
  public UpstreamCache(Path dataDir, Duration networkTimeout, CredentialsProvider credentials) {
    this.cacheRoot = dataDir.resolve(DEFAULT_DIR_NAME).toAbsolutePath().normalize();
    this.timeoutSeconds = (int) Math.max(1, networkTimeout.toSeconds());
    this.credentials = credentials;
  }

  /**
   * The local mirror folder for {@code url} (which may not exist yet). Other components may open it
   * read-only, e.g. to trial-apply a patch; they must not write to it.
   */
  public Path mirrorDir(String url) {
    return mirrorDirFor(normalizeUrl(url));
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
    String remote = normalizeUrl(url);
    Path dir = mirrorDirFor(remote);
    FetchProgress listener = progress == null ? FetchProgress.NONE : progress;
    try {
      underFetchLock(
          dir,
          () -> {
            if (isMirror(dir)) {
              fetchInto(repository(dir, remote), url, remote, listener);
            } else {
              cloneInto(dir, url, remote, listener);
            }
          });
    } catch (UpstreamUnavailableException | CancellationException e) {
      throw e;
    } catch (IOException e) {
      throw new UpstreamUnavailableException(
          url, "cannot update the local mirror of " + url + ": " + e.getMessage(), e);
    }
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
    String remote = normalizeUrl(url);
    Path dir = mirrorDirFor(remote);
    String wanted = isDefaultBranch(ref) ? null : ref.trim();
    boolean fetched = false;
    switch (Objects.requireNonNull(policy, "policy")) {
      case ALWAYS -> {
        fetch(url, progress);
        fetched = true;
      }
      case IF_MISSING -> {
        if (!isMirror(dir) || tryResolve(url, repository(dir, remote), ref, wanted) == null) {
          fetch(url, progress);
          fetched = true;
        }
      }
      case NEVER -> {
        if (!isMirror(dir)) {
          throw new UpstreamUnavailableException(
              url, url + " has not been fetched yet and fetching is disabled", null);
        }
      }
    }
    ResolvedRef resolved = tryResolve(url, repository(dir, remote), ref, wanted);
    if (resolved == null) {
      if (!fetched) {
        throw new UpstreamUnavailableException(
            url, "ref '" + ref + "' is not in the local mirror of " + url + " (not fetched)", null);
      }
      throw new UpstreamRefNotFoundException(
          url,
          ref,
          null,
          wanted == null
              ? url + " has no default branch (empty repository?)"
              : "ref '" + wanted + "' not found in " + url);
    }
    return resolved;
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
    String path = sanitizePath(url, commitSha, pathInRepo);
    String remote = normalizeUrl(url);
    Repository repo = repositoryWithCommit(url, remote, commitSha, progress);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = parseCommitSha(url, walk, commitSha);
      ObjectReader reader = walk.getObjectReader();
      if (path.isEmpty()) {
        return Optional.of(
            ArtifactTree.folder(readFolder(url, repo, reader, commit.getTree(), "")));
      }
      try (TreeWalk at = TreeWalk.forPath(reader, path, commit.getTree())) {
        if (at == null) {
          return Optional.empty();
        }
        org.eclipse.jgit.lib.FileMode mode = at.getFileMode(0);
        ObjectId id = at.getObjectId(0);
        if (mode == org.eclipse.jgit.lib.FileMode.TREE) {
          return Optional.of(ArtifactTree.folder(readFolder(url, repo, reader, id, path)));
        }
        FileMode fileMode = toFileMode(mode);
        if (fileMode == null) {
          return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return Optional.of(ArtifactTree.singleFile(entry(repo, reader, name, fileMode, id)));
      }
    } catch (IOException e) {
      throw unavailable(url, "cannot read " + path + " at " + commitSha + " from " + url, e);
    }
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
    String path = sanitizePath(url, commitSha, pathInRepo);
    String remote = normalizeUrl(url);
    Repository repo = repositoryWithCommit(url, remote, commitSha, null);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = parseCommitSha(url, walk, commitSha);
      if (path.isEmpty()) {
        return Optional.of(commit.getTree().name());
      }
      try (TreeWalk at = TreeWalk.forPath(walk.getObjectReader(), path, commit.getTree())) {
        return at == null ? Optional.empty() : Optional.of(at.getObjectId(0).name());
      }
    } catch (IOException e) {
      throw unavailable(url, "cannot read " + path + " at " + commitSha + " from " + url, e);
    }
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
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    String cleanPath = sanitizePath(url, ref, path);
    ResolvedRef start = resolve(url, ref, policy, progress);
    String remote = normalizeUrl(url);
    Repository repo = repository(mirrorDirFor(remote), remote);
    List<CommitInfo> out = new ArrayList<>();
    try {
      LogCommand log =
          Git.wrap(repo).log().add(ObjectId.fromString(start.commitSha())).setMaxCount(max);
      if (!cleanPath.isEmpty()) {
        log.addPath(cleanPath);
      }
      for (RevCommit c : log.call()) {
        out.add(CommitInfo.of(c));
      }
    } catch (GitAPIException | IOException | JGitInternalException e) {
      throw unavailable(url, "cannot read the history of " + url, e);
    }
    return out;
  }

  /** Closes every open mirror; trees returned earlier can no longer load their bytes. */
  @Override
  public void close() {
    for (Repository r : repositories.values()) {
      r.close();
    }
    repositories.clear();
  }

  // ---------------------------------------------------------------- fetching

  private void cloneInto(Path dir, String url, String remote, FetchProgress progress)
      throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + UUID.randomUUID());
    // Clone into a side folder and rename, so a failed first clone leaves no half mirror behind.
    try {
      try (Repository repo =
          new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare().build()) {
        repo.create(true);
        StoredConfig config = repo.getConfig();
        config.setString("remote", "origin", "url", remote);
        config.setStringList(
            "remote", "origin", "fetch", MIRROR_REFSPECS.stream().map(RefSpec::toString).toList());
        config.setBoolean("remote", "origin", "prune", true);
        // JGit may gc after a fetch; detached, that gc would run outside our lock and, on the
        // first clone, inside a folder we are about to rename.
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
        fetchInto(repo, url, remote, progress);
      }
      if (Files.exists(dir)) {
        // A folder without a config (e.g. a mirror deleted by hand, halfway) is no mirror.
        deleteRecursively(dir);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteRecursively(tmp);
    }
  }

  private void fetchInto(Repository repo, String url, String remote, FetchProgress progress)
      throws IOException {
    throwIfCancelled(url, progress, null);
    progress.update("connecting", 0, 0);
    FetchResult result;
    try {
      result =
          Git.wrap(repo)
              .fetch()
              .setRemote("origin")
              .setRefSpecs(MIRROR_REFSPECS)
              .setRemoveDeletedRefs(true)
              .setTagOpt(TagOpt.NO_TAGS)
              .setTimeout(timeoutSeconds)
              .setCredentialsProvider(credentials)
              .setProgressMonitor(new ProgressAdapter(progress))
              .call();
    } catch (GitAPIException | JGitInternalException e) {
      throwIfCancelled(url, progress, e);
      if (isRepositoryMissing(url, e)) {
        throw new UpstreamRepositoryNotFoundException(
            url, "cannot fetch " + url + ": there is no Git repository at that url (not found)", e);
      }
      throw unavailable(url, "cannot fetch " + url, e);
    }
    // Some transports stop quietly when cancelled; the refs may then be incomplete.
    throwIfCancelled(url, progress, null);
    linkDefaultBranch(repo, result);
  }

  /**
   * Whether a failed fetch means there is no repository at the url, rather than a remote that
   * could not be reached: JGit says "not found" ({@link NoRemoteRepositoryException}, for a
   * missing local path, a local folder that is no repository, an https 404, an ssh "repository
   * not found"), or the url is a local regular file that could not be read as a bundle.
   */
  private static boolean isRepositoryMissing(String url, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRemoteRepositoryException) {
        return true;
      }
    }
    Path local = localPath(url);
    return local != null && Files.isRegularFile(local);
  }

  /** The file-system path of a local url (a path or {@code file://}), else null. */
  private static Path localPath(String url) {
    try {
      String u = url.trim();
      if (u.startsWith("file:")) {
        return Path.of(java.net.URI.create(u));
      }
      return u.contains("://") ? null : Path.of(u);
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return null;
    }
  }

  private static void throwIfCancelled(String url, FetchProgress progress, Exception cause) {
    if (progress.isCancelled()) {
      CancellationException c = new CancellationException("fetch of " + url + " cancelled");
      c.initCause(cause);
      throw c;
    }
  }

  /**
   * Points the mirror's HEAD where the remote's HEAD points. Servers that do not advertise the
   * symref get the branch whose commit equals HEAD's, as {@code git clone} guesses it.
   */
  private static void linkDefaultBranch(Repository repo, FetchResult result) throws IOException {
    Ref head = result.getAdvertisedRef(Constants.HEAD);
    if (head == null) {
      return;
    }
    String target = null;
    if (head.isSymbolic()) {
      target = head.getTarget().getName();
    } else if (head.getObjectId() != null) {
      Ref current = repo.exactRef(Constants.HEAD);
      String currentTarget =
          current != null && current.isSymbolic() ? current.getTarget().getName() : null;
      List<String> candidates = new ArrayList<>();
      for (Ref r : result.getAdvertisedRefs()) {
        if (r.getName().startsWith(Constants.R_HEADS)
            && head.getObjectId().equals(r.getObjectId())) {
          candidates.add(r.getName());
        }
      }
      candidates.sort(Comparator.naturalOrder());
      for (String preferred :
          new String[] {currentTarget, "refs/heads/main", "refs/heads/master"}) {
        if (preferred != null && candidates.contains(preferred)) {
          target = preferred;
          break;
        }
      }
      if (target == null && !candidates.isEmpty()) {
        target = candidates.get(0);
      }
    }
    if (target == null || !target.startsWith(Constants.R_HEADS)) {
      return;
    }
    Ref current = repo.exactRef(Constants.HEAD);
    if (current != null && current.isSymbolic() && current.getTarget().getName().equals(target)) {
      return;
    }
    RefUpdate update = repo.updateRef(Constants.HEAD);
    update.disableRefLog();
    RefUpdate.Result r = update.link(target);
    if (r != RefUpdate.Result.NEW
        && r != RefUpdate.Result.FORCED
        && r != RefUpdate.Result.NO_CHANGE) {
      throw new IOException("cannot point the mirror's HEAD at " + target + ": " + r);
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private void underFetchLock(Path dir, IoAction action) throws IOException {
    Files.createDirectories(cacheRoot);
    ReentrantLock lock = fetchLocks.computeIfAbsent(dir.toString(), k -> new ReentrantLock());
    lock.lock();
    try (FileChannel channel =
            FileChannel.open(
                dir.resolveSibling(dir.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- resolving

  private static boolean isDefaultBranch(String ref) {
    return ref == null
        || ref.isBlank()
        || ref.trim().equalsIgnoreCase("latest")
        || ref.trim().equals(Constants.HEAD);
  }

  /** Resolves against the mirror only; null when the mirror does not know the ref. */
  private static ResolvedRef tryResolve(String url, Repository repo, String ref, String wanted)
      throws UpstreamUnavailableException {
    try (RevWalk walk = new RevWalk(repo)) {
      if (wanted == null) {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head == null || head.getObjectId() == null) {
          return null;
        }
        String branch = Repository.shortenRefName(head.getTarget().getName());
        return ResolvedRef.of(
            CommitInfo.of(walk.parseCommit(head.getObjectId())),
            branch,
            ResolvedRef.Kind.DEFAULT_BRANCH);
      }
      if (FULL_SHA.matcher(wanted).matches()) {
        ObjectId id = ObjectId.fromString(wanted);
        if (!repo.getObjectDatabase().has(id)) {
          return null;
        }
        RevCommit c = peelToCommit(url, ref, walk, id);
        return ResolvedRef.of(CommitInfo.of(c), c.name(), ResolvedRef.Kind.COMMIT);
      }
      String tagName = wanted.startsWith(Constants.R_TAGS) ? wanted : Constants.R_TAGS + wanted;
      String branchName =
          wanted.startsWith(Constants.R_HEADS) ? wanted : Constants.R_HEADS + wanted;
      boolean qualified = wanted.startsWith(Constants.R_REFS);
      // Only well-formed names reach the ref database, which maps names to files.
      if (!qualified || wanted.startsWith(Constants.R_TAGS)) {
        if (Repository.isValidRefName(tagName)) {
          Ref tag = repo.exactRef(tagName);
          if (tag != null) {
            RevCommit c = peelToCommit(url, ref, walk, tag.getObjectId());
            return ResolvedRef.of(
                CommitInfo.of(c), Repository.shortenRefName(tagName), ResolvedRef.Kind.TAG);
          }
        }
      }
      if (!qualified || wanted.startsWith(Constants.R_HEADS)) {
        if (Repository.isValidRefName(branchName)) {
          Ref branch = repo.exactRef(branchName);
          if (branch != null) {
            return ResolvedRef.of(
                CommitInfo.of(walk.parseCommit(branch.getObjectId())),
                Repository.shortenRefName(branchName),
                ResolvedRef.Kind.BRANCH);
          }
        }
      }
      if (SHORT_SHA.matcher(wanted).matches()) {
        RevCommit c = resolveAbbreviated(url, ref, walk, wanted);
        return c == null
            ? null
            : ResolvedRef.of(CommitInfo.of(c), c.name(), ResolvedRef.Kind.COMMIT);
      }
      return null;
    } catch (IOException e) {
      throw unavailable(url, "cannot read the local mirror of " + url, e);
    }
  }

  private static RevCommit resolveAbbreviated(String url, String ref, RevWalk walk, String hex)
      throws IOException {
    Collection<ObjectId> matches =
        walk.getObjectReader().resolve(AbbreviatedObjectId.fromString(hex.toLowerCase()));
    List<RevCommit> commits = new ArrayList<>();
    for (ObjectId id : matches) {
      RevObject o = walk.parseAny(id);
      if (o instanceof RevCommit c) {
        commits.add(c);
      }
    }
    if (commits.size() > 1) {
      throw new UpstreamRefNotFoundException(
          url, ref, null, "abbreviated sha '" + hex + "' is ambiguous in " + url);
    }
    return commits.isEmpty() ? null : commits.get(0);
  }

  private static RevCommit peelToCommit(String url, String ref, RevWalk walk, ObjectId id)
      throws IOException {
    RevObject o = walk.peel(walk.parseAny(id));
    if (o instanceof RevCommit c) {
      walk.parseBody(c);
      return c;
    }
    throw new UpstreamRefNotFoundException(
        url, ref, null, "'" + ref + "' in " + url + " does not point to a commit");
  }

  /** The mirror, fetched first only if it does not hold the commit yet. */
  private Repository repositoryWithCommit(
      String url, String remote, String commitSha, FetchProgress progress)
      throws UpstreamUnavailableException {
    if (commitSha == null
        || !(FULL_SHA.matcher(commitSha).matches() || SHORT_SHA.matcher(commitSha).matches())) {
      throw new UpstreamRefNotFoundException(
          url, commitSha, null, "'" + commitSha + "' is not a commit sha (for " + url + ")");
    }
    Path dir = mirrorDirFor(remote);
    if (isMirror(dir) && hasCommit(url, repository(dir, remote), commitSha)) {
      return repository(dir, remote);
    }
    fetch(url, progress);
    Repository repo = repository(dir, remote);
    if (!hasCommit(url, repo, commitSha)) {
      throw new UpstreamRefNotFoundException(
          url, commitSha, null, "commit " + commitSha + " not found in " + url);
    }
    return repo;
  }

  private static boolean hasCommit(String url, Repository repo, String sha)
      throws UpstreamUnavailableException {
    try (RevWalk walk = new RevWalk(repo)) {
      return findCommit(url, walk, sha) != null;
    } catch (IOException e) {
      throw unavailable(url, "cannot read the local mirror of " + url, e);
    }
  }

  private static RevCommit findCommit(String url, RevWalk walk, String sha) throws IOException {
    if (FULL_SHA.matcher(sha).matches()) {
      try {
        return walk.parseCommit(ObjectId.fromString(sha));
      } catch (MissingObjectException | IncorrectObjectTypeException e) {
        return null;
      }
    }
    return resolveAbbreviated(url, sha, walk, sha);
  }

  private static RevCommit parseCommitSha(String url, RevWalk walk, String sha) throws IOException {
    RevCommit c = findCommit(url, walk, sha);
    if (c == null) {
      throw new UpstreamRefNotFoundException(
          url, sha, null, "commit " + sha + " not found in " + url);
    }
    return c;
  }

  // ---------------------------------------------------------------- reading trees

  private List<FileEntry> readFolder(
      String url, Repository repo, ObjectReader reader, ObjectId tree, String base)
      throws IOException {
    List<FileEntry> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(false);
      while (tw.next()) {
        String name = tw.getNameString();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
          // Git itself refuses such names; only a crafted tree holds them, and they could escape
          // the artifact folder when written to disk.
          throw new UpstreamRefNotFoundException(
              url, null, base, "unsafe entry name '" + name + "' under '" + base + "' in " + url);
        }
        org.eclipse.jgit.lib.FileMode mode = tw.getFileMode(0);
        if (mode == org.eclipse.jgit.lib.FileMode.TREE) {
          if (!ExcludedPaths.isExcludedFolder(name)) {
            tw.enterSubtree();
          }
          continue;
        }
        FileMode fileMode = toFileMode(mode);
        if (fileMode == null
            || ExcludedPaths.isExcludedFile(name)
            || ExcludedPaths.isExcludedFolder(name)) {
          continue;
        }
        out.add(entry(repo, reader, tw.getPathString(), fileMode, tw.getObjectId(0)));
      }
    }
    return out;
  }

  private FileEntry entry(
      Repository repo, ObjectReader reader, String path, FileMode mode, ObjectId blob)
      throws IOException {
    BlobDigests.Digest d = digests.get(blob);
    if (d == null) {
      ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
      MessageDigest md = ArtifactTree.sha256();
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = loader.openStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      d = new BlobDigests.Digest(HexFormat.of().formatHex(md.digest()), loader.getSize());
      digests.put(blob, d);
    }
    ObjectId id = blob.copy();
    return new FileEntry(
        path, mode, d.size(), d.sha256(), () -> repo.open(id, Constants.OBJ_BLOB).openStream());
  }

  private static FileMode toFileMode(org.eclipse.jgit.lib.FileMode mode) {
    if (mode == org.eclipse.jgit.lib.FileMode.REGULAR_FILE) {
      return FileMode.REGULAR;
    }
    if (mode == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
      return FileMode.EXECUTABLE;
    }
    if (mode == org.eclipse.jgit.lib.FileMode.SYMLINK) {
      return FileMode.SYMLINK;
    }
    // Submodules (gitlinks) have no content in this repository.
    return null;
  }

  // ---------------------------------------------------------------- urls, paths, mirrors

  /**
   * One spelling per remote, so one mirror per remote: urls are trimmed and lose a trailing slash,
   * local paths become absolute and normalised.
   */
  static String normalizeUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("upstream url must not be blank");
    }
    String u = url.trim();
    while (u.length() > 1 && u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.contains("://")) {
      try {
        new URIish(u);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("not a valid git url: " + url, e);
      }
      return u;
    }
    Path local = null;
    try {
      local = Path.of(u);
    } catch (InvalidPathException ignored) {
      // Not a path on this system; it may still be an scp-like ssh address.
    }
    if (local != null && (Files.exists(local) || !SCP_LIKE.matcher(u).matches())) {
      return local.toAbsolutePath().normalize().toString();
    }
    return u;
  }

  private Path mirrorDirFor(String remote) {
    byte[] digest = ArtifactTree.sha256().digest(remote.getBytes(StandardCharsets.UTF_8));
    return cacheRoot.resolve(HexFormat.of().formatHex(digest).substring(0, 20) + ".git");
  }

  private static boolean isMirror(Path dir) {
    return Files.isRegularFile(dir.resolve("config"));
  }

  private Repository repository(Path dir, String remote) throws UpstreamUnavailableException {
    try {
      return repositories.computeIfAbsent(
          dir,
          d -> {
            try {
              Repository r =
                  new FileRepositoryBuilder()
                      .setGitDir(d.toFile())
                      .setBare()
                      .setMustExist(true)
                      .build();
              String recorded = r.getConfig().getString("remote", "origin", "url");
              if (!remote.equals(recorded)) {
                r.close();
                throw new IOException(
                    "mirror " + d + " belongs to " + recorded + ", not " + remote);
              }
              return r;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw unavailable(remote, "cannot open the local mirror of " + remote, e.getCause());
    }
  }

  /**
   * Normalises a path inside the repository: {@code /} separators, no empty or {@code .} segments,
   * no trailing slash; the empty string is the root.
   */
  static String sanitizePath(String url, String ref, String path) {
    if (path == null) {
      return "";
    }
    String p = path.trim();
    if (p.startsWith("/")
        || p.matches("^[A-Za-z]:.*")
        || p.indexOf('\\') >= 0
        || p.indexOf('\0') >= 0) {
      throw new UpstreamRefNotFoundException(
          url, ref, path, "path '" + path + "' must be relative to the repository root, with '/'");
    }
    StringBuilder b = new StringBuilder();
    for (String segment : p.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new UpstreamRefNotFoundException(
            url, ref, path, "path '" + path + "' must not contain '..'");
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(segment);
    }
    return b.toString();
  }

  private static UpstreamUnavailableException unavailable(String url, String what, Throwable e) {
    return new UpstreamUnavailableException(url, what + ": " + rootMessage(e), e);
  }

  private static String rootMessage(Throwable e) {
    if (e == null) {
      return "unknown error";
    }
    String message = e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
      message = message + " (" + cause.getMessage() + ")";
    }
    return message;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
