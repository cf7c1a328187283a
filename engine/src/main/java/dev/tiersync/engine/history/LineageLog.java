package dev.tiersync.engine.history;

import dev.tiersync.engine.content.ArtifactTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The lineages: {@code refs/tiersync/lineage/<sha256(artifactId + "\n" + scope)>} is a chain of
 * commits, one per recorded version, each with the version's tree when it is stored (else the
 * empty tree), so {@code git log -p} on a lineage ref shows how an artifact changed on a tier.
 */
final class LineageLog {
  static final String REF_PREFIX = "refs/tiersync/lineage/";

  private static final String HEADER = "tiersync lineage ";

  private final HistoryRepository repository;
  private final VersionStore versions;
  private final Object[] locks = new Object[64];

  LineageLog(HistoryRepository repository, VersionStore versions) {
    this.repository = repository;
    this.versions = versions;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** Hashing the key keeps ref names valid whatever the scope (paths, URLs) contains. */
  static String refName(LineageKey key) {
    byte[] raw = (key.artifact() + "\n" + key.scope()).getBytes(StandardCharsets.UTF_8);
    return REF_PREFIX + ArtifactTree.sha256Hex(raw);
  }

  /** See {@link HistoryStore#recordLineage(LineageKey, String, Instant, String)}. */
  boolean record(LineageKey key, String contentHash, Instant at, String note) throws IOException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    String hash = VersionStore.normalizeHash(contentHash);
    if (hash == null) {
      throw new IllegalArgumentException("not a content hash: " + contentHash);
    }
    Repository repo = repository.get();
    String refName = refName(key);
    String message = message(key, hash, at, note == null ? "" : note);
    synchronized (locks[Math.floorMod(refName.hashCode(), locks.length)]) {
      long deadline = RefRetry.deadline();
      for (int attempt = 0; ; attempt++) {
        Ref head = repo.exactRef(refName);
        ObjectId parent = head == null ? null : head.getObjectId();
        try (RevWalk walk = new RevWalk(repo);
            ObjectInserter inserter = repo.newObjectInserter()) {
          if (parent != null) {
            RevCommit last = walk.parseCommit(parent);
            if (hash.equals(parse(last).contentHash())) {
              return false;
            }
          }
          CommitBuilder commit = new CommitBuilder();
          Optional<ObjectId> stored = versions.tree(walk, hash);
          // An unstored version still gets a commit, with the empty tree.
          commit.setTreeId(
              stored.isPresent() ? stored.get() : inserter.insert(new TreeFormatter()));
          if (parent != null) {
            commit.setParentId(parent);
          }
          PersonIdent ident = new PersonIdent(VersionStore.IDENT, at, ZoneOffset.UTC);
          commit.setAuthor(ident);
          commit.setCommitter(ident);
          commit.setMessage(message);
          ObjectId commitId = inserter.insert(commit);
          inserter.flush();
          if (moveRef(repo, refName, parent, commitId)) {
            return true;
          }
        }
        RefRetry.backOff(attempt, deadline, refName);
      }
    }
  }

  /** See {@link HistoryStore#lineage(LineageKey)}. */
  List<LineageEntry> read(LineageKey key) throws IOException {
    Objects.requireNonNull(key, "key");
    Repository repo = repository.get();
    Ref head = repo.exactRef(refName(key));
    if (head == null) {
      return List.of();
    }
    List<LineageEntry> newestFirst = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(head.getObjectId());
      while (c != null) {
        newestFirst.add(parse(c));
        c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
      }
    }
    List<LineageEntry> oldestFirst = new ArrayList<>(newestFirst.size());
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      oldestFirst.add(newestFirst.get(i));
    }
    return oldestFirst;
  }

  /**
   * Moves the lineage ref from {@code parent} (null: absent) to the new commit; false when another
   * writer moved it first.
   */
  private static boolean moveRef(Repository repo, String refName, ObjectId parent, ObjectId commit)
      throws IOException {
    RefUpdate update = repo.updateRef(refName);
    update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
    update.setNewObjectId(commit);
    // The expected old id already guarantees the new commit extends the head we read.
    update.setForceUpdate(true);
    update.disableRefLog();
    RefUpdate.Result result = update.update();
    return switch (result) {
      case NEW, FAST_FORWARD, FORCED -> true;
      case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_OTHER_REASON -> false;
      default -> throw new IOException("cannot update lineage ref " + refName + ": " + result);
    };
  }

  private static String message(LineageKey key, String hash, Instant at, String note) {
    return HEADER
        + MessageFields.escape(key.artifact().toString())
        + "\n\nscope: "
        + MessageFields.escape(key.scope())
        + "\nhash: "
        + hash
        + "\nat: "
        + at
        + "\nnote: "
        + MessageFields.escape(note)
        + "\n";
  }

  private static LineageEntry parse(RevCommit commit) throws HistoryIntegrityException {
    String hash = null;
    Instant at = commit.getCommitterIdent().getWhenAsInstant();
    String note = "";
    for (String line : commit.getFullMessage().split("\n")) {
      if (line.startsWith("hash: ")) {
        hash = line.substring(6).trim();
      } else if (line.startsWith("at: ")) {
        try {
          at = Instant.parse(line.substring(4).trim());
        } catch (DateTimeParseException ignored) {
          // Keep the commit time, which is exact to the second.
        }
      } else if (line.startsWith("note: ")) {
        note = MessageFields.unescape(line.substring(6));
      }
    }
    if (hash == null) {
      throw new HistoryIntegrityException("lineage commit " + commit.name() + " has no hash");
    }
    return new LineageEntry(hash, at, note);
  }
}
