package dev.tiersync.engine.history;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

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
 * </ul>
 *
 * <p>Instances are thread-safe and share one {@link Repository}. Several processes may use the same
 * store: refs are only ever moved with compare-and-swap and retried. The repository is created on
 * first use. Trees returned by {@link #get} read their blobs lazily and stay readable until {@link
 * #close()}.
 */
public final class HistoryStore implements AutoCloseable {
  /** Name of the store's folder inside the data dir. */
  public static final String DEFAULT_DIR_NAME = "history.git";

  static final String VERSION_REF_PREFIX = "refs/tiersync/v/";
  static final String LINEAGE_REF_PREFIX = "refs/tiersync/lineage/";

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final PersonIdent VERSION_IDENT =
      new PersonIdent("tiersync", "tiersync@localhost", Instant.EPOCH, ZoneOffset.UTC);
  private static final String VERSION_HEADER = "tiersync version ";
  private static final String LINEAGE_HEADER = "tiersync lineage ";
  private static final long REF_RETRY_MILLIS = 30_000;

  private final Path gitDir;
  private final Object[] lineageLocks = new Object[64];
  private volatile Repository repository;
  private boolean closed;

  private HistoryStore(Path gitDir) {
    this.gitDir = gitDir.toAbsolutePath().normalize();
    for (int i = 0; i < lineageLocks.length; i++) {
      lineageLocks[i] = new Object();
    }
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
    return gitDir;
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
    String hash = tree.contentHash();
    Repository repo = repo();
    String refName = VERSION_REF_PREFIX + hash;
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
        StoredBlob blob = insertBlob(inserter, e);
        dce.setFileMode(toGitMode(e.mode()));
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
      ObjectId treeId = index.writeTree(inserter);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(treeId);
      commit.setAuthor(VERSION_IDENT);
      commit.setCommitter(VERSION_IDENT);
      commit.setMessage(versionMessage(hash, tree.isSingleFile(), verified));
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      createVersionRef(repo, refName, commitId);
    }
    return hash;
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
    String hash = normalizeHash(contentHash);
    if (hash == null) {
      return Optional.empty();
    }
    Repository repo = repo();
    Ref ref = repo.exactRef(VERSION_REF_PREFIX + hash);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(ref.getObjectId());
      VersionIndex index = parseVersionMessage(commit.getFullMessage());
      ObjectReader reader = walk.getObjectReader();
      List<FileEntry> entries = new ArrayList<>();
      try (TreeWalk tw = new TreeWalk(reader)) {
        tw.addTree(commit.getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          String path = tw.getPathString();
          FileMode mode = fromGitMode(tw.getFileMode(0), path);
          ObjectId blobId = tw.getObjectId(0);
          IndexedFile known = index.files().get(path);
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
          entries.add(new FileEntry(path, mode, size, sha256, () -> openBlob(blobId)));
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
      return Optional.of(tree);
    }
  }

  /**
   * Whether a version with this content hash is stored; false for strings that are no hash.
   *
   * @throws IOException if the repository cannot be read
   */
  public boolean contains(String contentHash) throws IOException {
    String hash = normalizeHash(contentHash);
    return hash != null && repo().exactRef(VERSION_REF_PREFIX + hash) != null;
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
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    String hash = normalizeHash(contentHash);
    if (hash == null) {
      throw new IllegalArgumentException("not a content hash: " + contentHash);
    }
    Repository repo = repo();
    String refName = lineageRef(key);
    String message = lineageMessage(key, hash, at, note == null ? "" : note);
    synchronized (lineageLocks[Math.floorMod(refName.hashCode(), lineageLocks.length)]) {
      long deadline = System.currentTimeMillis() + REF_RETRY_MILLIS;
      for (int attempt = 0; ; attempt++) {
        Ref head = repo.exactRef(refName);
        ObjectId parent = head == null ? null : head.getObjectId();
        try (RevWalk walk = new RevWalk(repo);
            ObjectInserter inserter = repo.newObjectInserter()) {
          if (parent != null) {
            RevCommit last = walk.parseCommit(parent);
            if (hash.equals(parseLineageMessage(last).contentHash())) {
              return false;
            }
          }
          CommitBuilder commit = new CommitBuilder();
          commit.setTreeId(versionTreeOrEmpty(repo, walk, inserter, hash));
          if (parent != null) {
            commit.setParentId(parent);
          }
          PersonIdent ident = new PersonIdent(VERSION_IDENT, at, ZoneOffset.UTC);
          commit.setAuthor(ident);
          commit.setCommitter(ident);
          commit.setMessage(message);
          ObjectId commitId = inserter.insert(commit);
          inserter.flush();
          RefUpdate update = repo.updateRef(refName);
          update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
          update.setNewObjectId(commitId);
          // The expected old id already guarantees the new commit extends the head we read.
          update.setForceUpdate(true);
          update.disableRefLog();
          RefUpdate.Result result = update.update();
          switch (result) {
            case NEW, FAST_FORWARD, FORCED:
              return true;
            case LOCK_FAILURE, REJECTED, REJECTED_CURRENT_BRANCH, REJECTED_OTHER_REASON:
              break;
            default:
              throw new IOException("cannot update lineage ref " + refName + ": " + result);
          }
        }
        backOff(attempt, deadline, refName);
      }
    }
  }

  /**
   * The versions an artifact has had in one scope, oldest first; empty if none was recorded.
   *
   * @throws IOException if the repository cannot be read
   */
  public List<LineageEntry> lineage(LineageKey key) throws IOException {
    Objects.requireNonNull(key, "key");
    Repository repo = repo();
    Ref head = repo.exactRef(lineageRef(key));
    if (head == null) {
      return List.of();
    }
    List<LineageEntry> newestFirst = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(head.getObjectId());
      while (c != null) {
        newestFirst.add(parseLineageMessage(c));
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
   * Packs loose objects and refs. Every stored version and lineage stays reachable from its ref, so
   * nothing recorded is lost; only unreachable objects (blobs of failed puts) are pruned, once
   * older than Git's prune expiry (two weeks by default). Safe to run while others use the store,
   * but it costs time proportional to the store's size: schedule it, don't call it per request.
   *
   * @throws IOException if gc fails; the store stays usable
   */
  public void gc() throws IOException {
    try {
      Git.wrap(repo()).gc().call();
    } catch (GitAPIException e) {
      throw new IOException("history store gc failed: " + e.getMessage(), e);
    }
  }

  /** Closes the repository; trees returned earlier can no longer load their bytes. */
  @Override
  public synchronized void close() {
    closed = true;
    Repository r = repository;
    repository = null;
    if (r != null) {
      r.close();
    }
  }

  // ---------------------------------------------------------------- repository

  private Repository repo() throws IOException {
    Repository r = repository;
    if (r != null) {
      return r;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("history store " + gitDir + " is closed");
      }
      if (repository == null) {
        repository = openOrCreate();
      }
      return repository;
    }
  }

  private Repository openOrCreate() throws IOException {
    if (!Files.isRegularFile(gitDir.resolve("config"))) {
      createAtomically();
    }
    return new FileRepositoryBuilder()
        .setGitDir(gitDir.toFile())
        .setBare()
        .setMustExist(true)
        .build();
  }

  /**
   * Creates the repository in a side folder and renames it into place, so that a process racing us
   * never sees, or trips over, a half-created repository.
   */
  private void createAtomically() throws IOException {
    Files.createDirectories(gitDir.getParent());
    Path tmp = gitDir.resolveSibling(gitDir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (Repository r = new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare().build()) {
        r.create(true);
      }
      try {
        Files.move(tmp, gitDir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isRegularFile(gitDir.resolve("config"))) {
          throw e;
        }
        // Another process created the store first; use theirs.
      }
    } finally {
      deleteRecursively(tmp);
    }
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

  private InputStream openBlob(ObjectId blobId) throws IOException {
    return repo().open(blobId, Constants.OBJ_BLOB).openStream();
  }

  // ---------------------------------------------------------------- versions

  private record StoredBlob(ObjectId id, String sha256) {}

  private record IndexedFile(String sha256, long size) {}

  private record VersionIndex(boolean singleFile, Map<String, IndexedFile> files) {}

  private static StoredBlob insertBlob(ObjectInserter inserter, FileEntry e) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    ObjectId id;
    long count;
    try (InputStream raw = e.open();
        DigestingStream in = new DigestingStream(raw, md)) {
      try {
        id = inserter.insert(Constants.OBJ_BLOB, e.size(), in);
      } catch (EOFException shorter) {
        throw integrity(e, "ended before its recorded size " + e.size());
      }
      // Drain what the inserter did not consume so a file that grew is noticed.
      byte[] rest = new byte[8192];
      while (in.read(rest) > 0) {
        // counted and digested by the stream
      }
      count = in.count;
    }
    if (count != e.size()) {
      throw integrity(e, "has " + count + " bytes, expected " + e.size());
    }
    String digest = HexFormat.of().formatHex(md.digest());
    if (!digest.equals(e.sha256())) {
      throw integrity(e, "has sha256 " + digest + ", expected " + e.sha256());
    }
    return new StoredBlob(id, digest);
  }

  private static HistoryIntegrityException integrity(FileEntry e, String what) {
    return new HistoryIntegrityException(
        "'" + e.path() + "' " + what + " (did it change while being stored?)");
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

  private static void createVersionRef(Repository repo, String refName, ObjectId commitId)
      throws IOException {
    long deadline = System.currentTimeMillis() + REF_RETRY_MILLIS;
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
      backOff(attempt, deadline, refName);
    }
  }

  private static String versionMessage(String hash, boolean singleFile, List<FileEntry> files) {
    StringBuilder m = new StringBuilder();
    m.append(VERSION_HEADER).append(hash).append("\n\n");
    m.append("shape: ").append(singleFile ? "file" : "folder").append('\n');
    for (FileEntry e : files) {
      m.append("entry ")
          .append(e.sha256())
          .append(' ')
          .append(e.size())
          .append(' ')
          .append(MessageFields.escape(e.path()))
          .append('\n');
    }
    return m.toString();
  }

  private static VersionIndex parseVersionMessage(String message) {
    boolean singleFile = false;
    Map<String, IndexedFile> files = new HashMap<>();
    for (String line : message.split("\n")) {
      if (line.equals("shape: file")) {
        singleFile = true;
      } else if (line.startsWith("entry ")) {
        String[] parts = line.split(" ", 4);
        if (parts.length == 4 && HASH.matcher(parts[1]).matches()) {
          try {
            files.put(
                MessageFields.unescape(parts[3]),
                new IndexedFile(parts[1], Long.parseLong(parts[2])));
          } catch (NumberFormatException ignored) {
            // A damaged line is recovered from the blob itself in get().
          }
        }
      }
    }
    return new VersionIndex(singleFile, files);
  }

  private static org.eclipse.jgit.lib.FileMode toGitMode(FileMode mode) {
    return switch (mode) {
      case REGULAR -> org.eclipse.jgit.lib.FileMode.REGULAR_FILE;
      case EXECUTABLE -> org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE;
      case SYMLINK -> org.eclipse.jgit.lib.FileMode.SYMLINK;
    };
  }

  private static FileMode fromGitMode(org.eclipse.jgit.lib.FileMode mode, String path)
      throws HistoryIntegrityException {
    if (mode == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
      return FileMode.EXECUTABLE;
    }
    if (mode == org.eclipse.jgit.lib.FileMode.SYMLINK) {
      return FileMode.SYMLINK;
    }
    if (mode == org.eclipse.jgit.lib.FileMode.REGULAR_FILE) {
      return FileMode.REGULAR;
    }
    throw new HistoryIntegrityException("unexpected mode " + mode + " for '" + path + "'");
  }

  // ---------------------------------------------------------------- lineage

  /** Hashing the key keeps ref names valid whatever the scope (paths, URLs) contains. */
  static String lineageRef(LineageKey key) {
    byte[] raw = (key.artifact() + "\n" + key.scope()).getBytes(StandardCharsets.UTF_8);
    return LINEAGE_REF_PREFIX + ArtifactTree.sha256Hex(raw);
  }

  private static String lineageMessage(LineageKey key, String hash, Instant at, String note) {
    return LINEAGE_HEADER
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

  private static LineageEntry parseLineageMessage(RevCommit commit)
      throws HistoryIntegrityException {
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

  private static ObjectId versionTreeOrEmpty(
      Repository repo, RevWalk walk, ObjectInserter inserter, String hash) throws IOException {
    Ref version = repo.exactRef(VERSION_REF_PREFIX + hash);
    if (version != null) {
      return walk.parseCommit(version.getObjectId()).getTree().getId();
    }
    return inserter.insert(new TreeFormatter());
  }

  // ---------------------------------------------------------------- helpers

  private static String normalizeHash(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return HASH.matcher(v).matches() ? v : null;
  }

  private static void backOff(int attempt, long deadline, String refName) throws IOException {
    if (System.currentTimeMillis() > deadline) {
      throw new IOException("ref " + refName + " stayed locked by other writers; giving up");
    }
    long maxSleep = Math.min(50, 1L << Math.min(attempt, 5));
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextLong(maxSleep));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for " + refName);
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

  /** Counts and digests every byte read through it, however the reader consumes the stream. */
  private static final class DigestingStream extends FilterInputStream {
    private final MessageDigest md;
    private long count;

    DigestingStream(InputStream in, MessageDigest md) {
      super(in);
      this.md = md;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        md.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        md.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r <= 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
