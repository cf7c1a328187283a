package dev.tiersync.engine.history;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which stored version a SkillMeat hash names: {@code refs/tiersync/skillmeat/<skillMeatHash>}
 * points at the version's commit. SkillMeat's files record only SkillMeat's hash of a version, and
 * that hash cannot be derived from what the store keeps (per-file digests, not bytes), so the
 * engine records the pair whenever it computes one. Several versions can share a SkillMeat hash
 * (it ignores mode bits); the alias names the one recorded last.
 */
final class SkillMeatAliases {
  static final String REF_PREFIX = "refs/tiersync/skillmeat/";

  private final HistoryRepository repository;

  SkillMeatAliases(HistoryRepository repository) {
    this.repository = repository;
  }

  /** See {@link HistoryStore#aliasSkillMeatHash(String, String)}. */
  boolean put(String skillMeatHash, String contentHash) throws IOException {
    String alias = VersionStore.normalizeHash(skillMeatHash);
    String hash = VersionStore.normalizeHash(contentHash);
    if (alias == null || hash == null) {
      throw new IllegalArgumentException("not a hash: " + skillMeatHash + " / " + contentHash);
    }
    Repository repo = repository.get();
    Ref version = repo.exactRef(VersionStore.REF_PREFIX + hash);
    if (version == null) {
      return false;
    }
    String refName = REF_PREFIX + alias;
    long deadline = RefRetry.deadline();
    for (int attempt = 0; ; attempt++) {
      Ref current = repo.exactRef(refName);
      if (current != null && current.getObjectId().equals(version.getObjectId())) {
        return true;
      }
      RefUpdate update = repo.updateRef(refName);
      update.setExpectedOldObjectId(current == null ? ObjectId.zeroId() : current.getObjectId());
      update.setNewObjectId(version.getObjectId());
      update.setForceUpdate(true);
      update.disableRefLog();
      switch (update.update()) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
          return true;
        }
        case LOCK_FAILURE, REJECTED, REJECTED_OTHER_REASON -> {
          // Another writer moved the alias; look again.
        }
        default -> throw new IOException("cannot update history ref " + refName);
      }
      RefRetry.backOff(attempt, deadline, refName);
    }
  }

  /** See {@link HistoryStore#bySkillMeatHash(String)}: the content hash of the aliased version. */
  Optional<String> get(String skillMeatHash) throws IOException {
    String alias = VersionStore.normalizeHash(skillMeatHash);
    if (alias == null) {
      return Optional.empty();
    }
    Repository repo = repository.get();
    Ref ref = repo.exactRef(REF_PREFIX + alias);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return VersionIndex.contentHash(walk.parseCommit(ref.getObjectId()).getFullMessage());
    }
  }
}
