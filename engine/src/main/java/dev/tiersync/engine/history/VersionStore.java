package dev.tiersync.engine.history;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitFileModes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The content-addressed versions: {@code refs/tiersync/v/<contentHash>} points at a deterministic
 * commit (fixed identity and time) whose tree is the version and whose message is its {@link
 * VersionIndex}, so storing the same content anywhere yields the same commit id.
 */
final class VersionStore {
  static final String REF_PREFIX = "refs/tiersync/v/";

  /** Author and committer of every version commit; lineage commits take its name at their time. */
  static final PersonIdent IDENT =
      new PersonIdent("tiersync", "tiersync@localhost", Instant.EPOCH, ZoneOffset.UTC);

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** How many versions {@link #get} keeps read: a status of 1,000 artifacts needs 1,000 bases. */
  static final int CACHED_VERSIONS = 4096;

  private final HistoryRepository repository;

  /**
   * Versions already read, by hash, most recently used last. A version never changes (its hash is
   * its name, and no ref of one is ever removed), so a status read does not parse its commit and
   * tree again; the trees read their blobs lazily, so each costs only its file list.
   */
  private final Map<String, ArtifactTree> read =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArtifactTree> eldest) {
              return size() > CACHED_VERSIONS;
            }
          });

  VersionStore(HistoryRepository repository) {
    this.repository = repository;
  }

  /** See {@link HistoryStore#put(ArtifactTree)}. */
  String put(ArtifactTree tree) throws IOException {
    String hash = tree.contentHash();
    Repository repo = repository.get();
    String refName = REF_PREFIX + hash;
    if (repo.exactRef(refName) != null) {
      return hash;
    }
    rejectFileFolderClashes(tree);
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      DirCache index = DirCache.newInCore();
      DirCacheBuilder builder = index.builder();
      List<FileEntry> verified = new ArrayList<>(tree.files().size());
      for (FileEntry e : tree.files().values()) {
        DirCacheEntry dce = dirCacheEntry(e.path());
        VerifiedBlobs.Stored blob = VerifiedBlobs.insert(inserter, e);
        dce.setFileMode(GitFileModes.toGit(e.mode()));
        dce.setLength(e.size());
        dce.setObjectId(blob.id());
        builder.add(dce);
        verified.add(new FileEntry(e.path(), e.mode(), e.size(), blob.sha256(), e.loader()));
      }
      builder.finish();
      String stored = ArtifactTree.computeHash(verified);
      if (!stored.equals(hash)) {
        throw new HistoryIntegrityException(
            "stored content hashes to " + stored + " but the tree claims " + hash);
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      commit.setAuthor(IDENT);
      commit.setCommitter(IDENT);
      commit.setMessage(VersionIndex.message(hash, tree.isSingleFile(), verified));
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      createRef(repo, refName, commitId);
    }
    return hash;
  }

  /** See {@link HistoryStore#get(String)}. */
  Optional<ArtifactTree> get(String contentHash) throws IOException {
    String hash = normalizeHash(contentHash);
    if (hash == null) {
      return Optional.empty();
    }
    ArtifactTree known = read.get(hash);
    if (known != null) {
      return Optional.of(known);
    }
    Repository repo = repository.get();
    Ref ref = repo.exactRef(REF_PREFIX + hash);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ref.getObjectId());
      VersionIndex index = VersionIndex.parse(commit.getFullMessage());
      List<FileEntry> entries = new ArrayList<>();
      try (TreeWalk tw = new TreeWalk(walk.getObjectReader())) {
        tw.addTree(commit.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          entries.add(entry(walk.getObjectReader(), index, tw));
        }
      }
      ArtifactTree tree =
          index.singleFile() && entries.size() == 1
              ? ArtifactTree.singleFile(entries.get(0))
              : ArtifactTree.folder(entries);
      if (!tree.contentHash().equals(hash)) {
        throw new HistoryIntegrityException(
            "history version " + hash + " hashes to " + tree.contentHash());
      }
      read.put(hash, tree);
      return Optional.of(tree);
    }
  }

  /** See {@link HistoryStore#contains(String)}. */
  boolean contains(String contentHash) throws IOException {
    String hash = normalizeHash(contentHash);
    return hash != null && repository.get().exactRef(REF_PREFIX + hash) != null;
  }

  /** The tree of the stored version with this (normalised) hash; empty when it is not stored. */
  Optional<ObjectId> tree(RevWalk walk, String hash) throws IOException {
    Ref version = repository.get().exactRef(REF_PREFIX + hash);
    return version == null
        ? Optional.empty()
        : Optional.of(walk.parseCommit(version.getObjectId()).getTree().getId());
  }

  /** The hash in lower case, or null when the string is no 64-digit hex hash. */
  static String normalizeHash(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return HASH.matcher(v).matches() ? v : null;
  }

  /** The file at the walk's position, its digest taken from the index where recorded. */
  private FileEntry entry(ObjectReader reader, VersionIndex index, TreeWalk tw)
      throws IOException {
    String path = tw.getPathString();
    org.eclipse.jgit.lib.FileMode gitMode = tw.getFileMode(0);
    FileMode mode =
        GitFileModes.fromGit(gitMode)
            .orElseThrow(
                () ->
                    new HistoryIntegrityException(
                        "unexpected mode " + gitMode + " for '" + path + "'"));
    ObjectId blobId = tw.getObjectId(0);
    VersionIndex.IndexedFile known = index.files().get(path);
    String sha256;
    long size;
    if (known != null) {
      sha256 = known.sha256();
      size = known.size();
    } else {
      // Only a store written by hand lacks the index line; recover by reading the blob.
      ObjectLoader loader = reader.open(blobId, Constants.OBJ_BLOB);
      size = loader.getSize();
      try (InputStream in = loader.openStream()) {
        sha256 = sha256Hex(in);
      }
    }
    return new FileEntry(path, mode, size, sha256, () -> repository.openBlob(blobId));
  }

  private static DirCacheEntry dirCacheEntry(String path) {
    try {
      return new DirCacheEntry(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot store path '" + path + "' in history: " + e.getMessage(), e);
    }
  }

  /** Git cannot hold {@code a} as a file and {@code a/b} below it; say so instead of corrupting. */
  private static void rejectFileFolderClashes(ArtifactTree tree) {
    Set<String> folders = new HashSet<>();
    for (String path : tree.files().keySet()) {
      for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
        folders.add(path.substring(0, i));
      }
    }
    for (String path : tree.files().keySet()) {
      if (folders.contains(path)) {
        throw new IllegalArgumentException(
            "cannot store '" + path + "' both as a file and as a folder");
      }
    }
  }

  private static void createRef(Repository repo, String refName, ObjectId commitId)
      throws IOException {
    long deadline = RefRetry.deadline();
    for (int attempt = 0; ; attempt++) {
      RefUpdate update = repo.updateRef(refName);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setNewObjectId(commitId);
      update.disableRefLog();
      RefUpdate.Result result = update.update();
      switch (result) {
        case NEW, NO_CHANGE:
          return;
        case LOCK_FAILURE, REJECTED, REJECTED_OTHER_REASON:
          // Someone else stored the same content first; their commit is equivalent to ours.
          if (repo.exactRef(refName) != null) {
            return;
          }
          break;
        default:
          throw new IOException("cannot create history ref " + refName + ": " + result);
      }
      RefRetry.backOff(attempt, deadline, refName);
    }
  }

  private static String sha256Hex(InputStream in) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
