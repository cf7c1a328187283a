package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Brings one mirror up to date from its remote: the first time a clone, later a fetch of all
 * branches and tags with prune; either way the mirror's HEAD then follows the remote's default
 * branch. The caller holds the mirror's lock.
 */
final class MirrorFetcher {
  private static final List<RefSpec> MIRROR_REFSPECS =
      List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"));

  private final int timeoutSeconds;
  private final CredentialsProvider credentials;

  /**
   * @param networkTimeout how long a network read may stall before the fetch fails
   * @param credentials for https remotes that need them; null for none
   */
  MirrorFetcher(Duration networkTimeout, CredentialsProvider credentials) {
    this.timeoutSeconds = (int) Math.max(1, networkTimeout.toSeconds());
    this.credentials = credentials;
  }

  /** Clones the remote into a new mirror at {@code dir}, replacing a folder that is no mirror. */
  void cloneInto(Path dir, Remote remote, FetchProgress progress) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + UUID.randomUUID());
    // Clone into a side folder and rename, so a failed first clone leaves no half mirror behind.
    try {
      try (Repository repo =
          new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare().build()) {
        repo.create(true);
        StoredConfig config = repo.getConfig();
        config.setString("remote", "origin", "url", remote.normalized());
        config.setStringList(
            "remote", "origin", "fetch", MIRROR_REFSPECS.stream().map(RefSpec::toString).toList());
        config.setBoolean("remote", "origin", "prune", true);
        // JGit may gc after a fetch; detached, that gc would run outside our lock and, on the
        // first clone, inside a folder we are about to rename.
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
        fetchInto(repo, remote, progress);
      }
      if (Files.exists(dir)) {
        // A folder without a config (e.g. a mirror deleted by hand, halfway) is no mirror.
        Folders.deleteRecursively(dir);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Folders.deleteRecursively(tmp);
    }
  }

  /** Fetches all branches and tags of the remote into an existing mirror, with prune. */
  void fetchInto(Repository repo, Remote remote, FetchProgress progress) throws IOException {
    String url = remote.url();
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
      if (isRepositoryMissing(remote, e)) {
        throw new UpstreamRepositoryNotFoundException(
            url, "cannot fetch " + url + ": there is no Git repository at that url (not found)", e);
      }
      throw UpstreamUnavailableException.because(url, "cannot fetch " + url, e);
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
  private static boolean isRepositoryMissing(Remote remote, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoRemoteRepositoryException) {
        return true;
      }
    }
    Path local = remote.localPath();
    return local != null && Files.isRegularFile(local);
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
      target = guessDefaultBranch(repo, result, head);
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

  /**
   * The advertised branch at HEAD's commit: the one HEAD already follows, else main, else master,
   * else the first by name; null when no branch is there.
   */
  private static String guessDefaultBranch(Repository repo, FetchResult result, Ref head)
      throws IOException {
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
    for (String preferred : new String[] {currentTarget, "refs/heads/main", "refs/heads/master"}) {
      if (preferred != null && candidates.contains(preferred)) {
        return preferred;
      }
    }
    return candidates.isEmpty() ? null : candidates.get(0);
  }
}
