package dev.tiersync.engine.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Resolves refs and commit shas of an upstream against its mirror, fetching first as a {@link
 * FetchPolicy} says: the default branch, tags (annotated ones peeled), branches, full and
 * abbreviated shas, the way {@code git rev-parse} does.
 */
final class RefResolver {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-fA-F]{40}");
  private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-fA-F]{4,39}");

  private final Mirrors mirrors;

  RefResolver(Mirrors mirrors) {
    this.mirrors = mirrors;
  }

  /** See {@link UpstreamCache#resolve(String, String, FetchPolicy, FetchProgress)}. */
  ResolvedRef resolve(String url, String ref, FetchPolicy policy, FetchProgress progress)
      throws UpstreamUnavailableException {
    return resolve(url, ref, policy, progress, null);
  }

  /**
   * As {@link #resolve(String, String, FetchPolicy, FetchProgress)}, a fetch it makes taking at
   * most {@code fetchLimit} (null: no limit).
   */
  ResolvedRef resolve(
      String url, String ref, FetchPolicy policy, FetchProgress progress, Duration fetchLimit)
      throws UpstreamUnavailableException {
    Remote remote = Remote.of(url);
    String wanted = isDefaultBranch(ref) ? null : ref.trim();
    boolean fetched = false;
    switch (Objects.requireNonNull(policy, "policy")) {
      case ALWAYS -> {
        mirrors.fetch(remote, progress, fetchLimit);
        fetched = true;
      }
      case IF_MISSING -> {
        if (!mirrors.exists(remote) || tryResolve(url, mirrors.open(remote), ref, wanted) == null) {
          mirrors.fetch(remote, progress, fetchLimit);
          fetched = true;
        }
      }
      case NEVER -> {
        if (!mirrors.exists(remote)) {
          throw new UpstreamUnavailableException(
              url, url + " has not been fetched yet and fetching is disabled", null);
        }
      }
    }
    ResolvedRef resolved = tryResolve(url, mirrors.open(remote), ref, wanted);
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

  /**
   * The remote's mirror, fetched first only if it does not hold the commit yet.
   *
   * @throws UpstreamRefNotFoundException if {@code commitSha} is no full or abbreviated sha, or
   *     the remote does not have it
   */
  Repository mirrorWithCommit(Remote remote, String commitSha, FetchProgress progress)
      throws UpstreamUnavailableException {
    return mirrorWithCommit(remote, commitSha, progress, null);
  }

  /**
   * As {@link #mirrorWithCommit(Remote, String, FetchProgress)}, a fetch taking at most {@code
   * fetchLimit} (null: no limit).
   */
  Repository mirrorWithCommit(
      Remote remote, String commitSha, FetchProgress progress, Duration fetchLimit)
      throws UpstreamUnavailableException {
    String url = remote.url();
    if (commitSha == null
        || !(FULL_SHA.matcher(commitSha).matches() || SHORT_SHA.matcher(commitSha).matches())) {
      throw new UpstreamRefNotFoundException(
          url, commitSha, null, "'" + commitSha + "' is not a commit sha (for " + url + ")");
    }
    if (mirrors.exists(remote) && hasCommit(url, mirrors.open(remote), commitSha)) {
      return mirrors.open(remote);
    }
    mirrors.fetch(remote, progress, fetchLimit);
    Repository repo = mirrors.open(remote);
    if (!hasCommit(url, repo, commitSha)) {
      throw new UpstreamRefNotFoundException(
          url, commitSha, null, "commit " + commitSha + " not found in " + url);
    }
    return repo;
  }

  /**
   * The commit a full or abbreviated sha names in the walk's repository.
   *
   * @throws UpstreamRefNotFoundException if there is none, or an abbreviation is ambiguous
   */
  static RevCommit parseCommit(String url, RevWalk walk, String sha) throws IOException {
    RevCommit c = findCommit(url, walk, sha);
    if (c == null) {
      throw new UpstreamRefNotFoundException(
          url, sha, null, "commit " + sha + " not found in " + url);
    }
    return c;
  }

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
      throw UpstreamUnavailableException.because(
          url, "cannot read the local mirror of " + url, e);
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

  private static boolean hasCommit(String url, Repository repo, String sha)
      throws UpstreamUnavailableException {
    try (RevWalk walk = new RevWalk(repo)) {
      return findCommit(url, walk, sha) != null;
    } catch (IOException e) {
      throw UpstreamUnavailableException.because(
          url, "cannot read the local mirror of " + url, e);
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
}
