package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.model.ArtifactId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
  private static final ArtifactId SKILL = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private HistoryStore store;

  @BeforeEach
  void setUp() {
    store = HistoryStore.open(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private static String hash(int n) {
    return ArtifactTree.sha256Hex(("version " + n).getBytes(StandardCharsets.UTF_8));
  }

  private static FileEntry textEntry(String path, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new FileEntry(
        path,
        FileMode.REGULAR,
        bytes.length,
        ArtifactTree.sha256Hex(bytes),
        () -> new ByteArrayInputStream(bytes));
  }

  private ArtifactTree readDisk(Path root) throws IOException {
    return new DiskTreeReader(new HashCache()).read(root).orElseThrow();
  }

  // ---------------------------------------------------------------- put / get

  @Test
  void open_isLazy_createsTheBareRepositoryOnFirstUse() throws Exception {
    Path gitDir = tmp.resolve("data/history.git");
    assertThat(gitDir).doesNotExist();

    assertThat(store.contains(hash(1))).isFalse();

    assertThat(gitDir.resolve("config")).isRegularFile();
    assertThat(store.gitDir()).isEqualTo(gitDir.toAbsolutePath());
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      assertThat(repo.isBare()).isTrue();
    }
  }

  @Test
  void open_manyStoresRacingToCreateOneFolder_allSucceed() throws Exception {
    Path dataDir = tmp.resolve("raced");
    ArtifactTree tree = ArtifactTree.folder(List.of(textEntry("SKILL.md", "a\n")));
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      results.add(
          pool.submit(
              () -> {
                start.await();
                // Separate instances share no JVM lock, like separate processes.
                try (HistoryStore s = HistoryStore.open(dataDir)) {
                  return s.put(tree);
                }
              }));
    }
    start.countDown();
    for (Future<String> f : results) {
      assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(tree.contentHash());
    }
    pool.shutdown();
    try (var entries = Files.list(dataDir)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("history.git");
    }
  }

  @Test
  void put_thenGet_roundTripsExecBitSymlinkNestedEmptyAndBinaryFiles() throws Exception {
    Path skill = tmp.resolve("skill");
    Files.createDirectories(skill.resolve("scripts/deep/er"));
    Files.writeString(skill.resolve("SKILL.md"), "---\nname: pdf\n---\nbody\n");
    Files.writeString(skill.resolve("scripts/run.sh"), "#!/bin/sh\necho ok\n");
    Files.setPosixFilePermissions(
        skill.resolve("scripts/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.write(skill.resolve("scripts/deep/er/empty.txt"), new byte[0]);
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    Files.write(skill.resolve("logo.png"), binary);
    Files.createSymbolicLink(skill.resolve("README.md"), Path.of("SKILL.md"));
    ArtifactTree original = readDisk(skill);

    String hash = store.put(original);
    ArtifactTree back = store.get(hash).orElseThrow();

    assertThat(hash).isEqualTo(original.contentHash());
    assertThat(back.contentHash()).isEqualTo(hash);
    assertThat(back.isSingleFile()).isFalse();
    assertThat(back.files())
        .containsOnlyKeys(
            "README.md", "SKILL.md", "logo.png", "scripts/deep/er/empty.txt", "scripts/run.sh");
    assertThat(back.file("scripts/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(back.file("SKILL.md").mode()).isEqualTo(FileMode.REGULAR);
    assertThat(back.file("README.md").mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(back.file("README.md").readAll())
        .isEqualTo("SKILL.md".getBytes(StandardCharsets.UTF_8));
    assertThat(back.file("logo.png").readAll()).isEqualTo(binary);
    assertThat(back.file("logo.png").size()).isEqualTo(binary.length);
    assertThat(back.file("scripts/deep/er/empty.txt").readAll()).isEmpty();
    for (FileEntry e : back.files().values()) {
      assertThat(e).isEqualTo(original.file(e.path()));
      assertThat(ArtifactTree.sha256Hex(e.readAll())).isEqualTo(e.sha256());
    }
  }

  @Test
  void put_storesGitModesAndNestedSubtrees() throws Exception {
    Path skill = tmp.resolve("skill");
    Files.createDirectories(skill.resolve("a/b"));
    Files.writeString(skill.resolve("a/b/c.md"), "c");
    Files.writeString(skill.resolve("x.sh"), "x");
    Files.setPosixFilePermissions(
        skill.resolve("x.sh"), PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(skill.resolve("l"), Path.of("a/b/c.md"));
    String hash = store.put(readDisk(skill));

    try (Repository repo = new FileRepositoryBuilder().setGitDir(store.gitDir().toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      Ref ref = repo.exactRef("refs/tiersync/v/" + hash);
      RevCommit commit = walk.parseCommit(ref.getObjectId());
      try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "a", commit.getTree())) {
        assertThat(tw.getFileMode(0)).isEqualTo(org.eclipse.jgit.lib.FileMode.TREE);
      }
      try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "x.sh", commit.getTree())) {
        assertThat(tw.getFileMode(0)).isEqualTo(org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE);
      }
      try (var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, "l", commit.getTree())) {
        assertThat(tw.getFileMode(0)).isEqualTo(org.eclipse.jgit.lib.FileMode.SYMLINK);
        assertThat(repo.open(tw.getObjectId(0)).getBytes())
            .isEqualTo("a/b/c.md".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(commit.getFullMessage()).contains("shape: folder").contains(hash);
    }
  }

  @Test
  void put_singleFile_getReturnsASingleFileTree() throws Exception {
    Path cmd = tmp.resolve("commands/review.md");
    Files.createDirectories(cmd.getParent());
    Files.writeString(cmd, "review carefully\n");
    ArtifactTree original = readDisk(cmd);

    ArtifactTree back = store.get(store.put(original)).orElseThrow();

    assertThat(back.isSingleFile()).isTrue();
    assertThat(back).isEqualTo(original);
    assertThat(back.files()).containsOnlyKeys("review.md");
    assertThat(back.file("review.md").readAll())
        .isEqualTo("review carefully\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void put_emptySingleFileAndEmptyFolder_roundTrip() throws Exception {
    ArtifactTree emptyFile = ArtifactTree.singleFile(textEntry("empty.md", ""));
    ArtifactTree emptyFolder = ArtifactTree.folder(List.of());

    ArtifactTree file = store.get(store.put(emptyFile)).orElseThrow();
    ArtifactTree folder = store.get(store.put(emptyFolder)).orElseThrow();

    assertThat(file.isSingleFile()).isTrue();
    assertThat(file.file("empty.md").size()).isZero();
    assertThat(file.file("empty.md").readAll()).isEmpty();
    assertThat(folder.isEmpty()).isTrue();
    assertThat(folder.contentHash()).isEqualTo(emptyFolder.contentHash());
  }

  @Test
  void put_fiveMegabyteEntry_isStreamedAndReadBackLazily() throws Exception {
    long size = 5L * 1024 * 1024;
    AtomicInteger opens = new AtomicInteger();
    String digest = digest(new PatternStream(size));
    FileEntry big =
        new FileEntry(
            "data/big.bin",
            FileMode.REGULAR,
            size,
            digest,
            () -> {
              opens.incrementAndGet();
              return new PatternStream(size);
            });
    ArtifactTree tree = ArtifactTree.folder(List.of(big, textEntry("SKILL.md", "big\n")));

    String hash = store.put(tree);
    ArtifactTree back = store.get(hash).orElseThrow();

    assertThat(opens).hasValue(1);
    FileEntry stored = back.file("data/big.bin");
    assertThat(stored.size()).isEqualTo(size);
    assertThat(stored.sha256()).isEqualTo(digest);
    try (InputStream in = stored.open()) {
      assertThat(digest(in)).isEqualTo(digest);
    }
  }

  @Test
  void put_sameContentTwice_isANoOpThatReadsNothing() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(textEntry("SKILL.md", "a\n")));
    String first = store.put(tree);
    int refsAfterFirst = versionRefs().size();
    FileEntry unreadable =
        new FileEntry(
            "SKILL.md",
            FileMode.REGULAR,
            2,
            tree.file("SKILL.md").sha256(),
            () -> {
              throw new IOException("must not be read");
            });

    String second = store.put(ArtifactTree.folder(List.of(unreadable)));

    assertThat(second).isEqualTo(first);
    assertThat(versionRefs()).hasSize(refsAfterFirst).hasSize(1);
  }

  @Test
  void put_sameContentInTwoStores_yieldsTheSameCommit() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(textEntry("SKILL.md", "a\n")));
    String hash = store.put(tree);
    try (HistoryStore other = HistoryStore.open(tmp.resolve("other"))) {
      other.put(tree);

      assertThat(refId(other.gitDir(), "refs/tiersync/v/" + hash))
          .isEqualTo(refId(store.gitDir(), "refs/tiersync/v/" + hash));
    }
  }

  @Test
  void put_bytesThatDoNotMatchTheirDigest_throwIntegrityAndRecordNothing() throws Exception {
    byte[] actual = "changed on disk\n".getBytes(StandardCharsets.UTF_8);
    FileEntry stale =
        new FileEntry(
            "SKILL.md",
            FileMode.REGULAR,
            actual.length,
            ArtifactTree.sha256Hex("what we hashed\n".getBytes(StandardCharsets.UTF_8)),
            () -> new ByteArrayInputStream(actual));
    FileEntry grown =
        new FileEntry(
            "big.txt",
            FileMode.REGULAR,
            3,
            ArtifactTree.sha256Hex("abc".getBytes(StandardCharsets.UTF_8)),
            () -> new ByteArrayInputStream("abcdef".getBytes(StandardCharsets.UTF_8)));
    ArtifactTree staleTree = ArtifactTree.folder(List.of(stale));

    assertThatThrownBy(() -> store.put(staleTree))
        .isInstanceOf(HistoryIntegrityException.class)
        .hasMessageContaining("SKILL.md");
    assertThatThrownBy(() -> store.put(ArtifactTree.folder(List.of(grown))))
        .isInstanceOf(HistoryIntegrityException.class)
        .hasMessageContaining("big.txt");
    assertThat(store.contains(staleTree.contentHash())).isFalse();
    assertThat(versionRefs()).isEmpty();
  }

  @Test
  void put_pathsGitCannotHold_areRejected() {
    ArtifactTree clash =
        ArtifactTree.folder(List.of(textEntry("a", "file"), textEntry("a/b", "below")));
    ArtifactTree dotGit = ArtifactTree.folder(List.of(textEntry(".git/config", "x")));

    assertThatThrownBy(() -> store.put(clash)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(dotGit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".git/config");
  }

  @Test
  void get_unknownOrMalformedHash_isEmpty() throws Exception {
    assertThat(store.get(hash(404))).isEmpty();
    assertThat(store.get("../../config")).isEmpty();
    assertThat(store.get(null)).isEmpty();
    assertThat(store.contains("not-a-hash")).isFalse();
  }

  @Test
  void get_afterReopen_usesTheStoredIndexAndUppercaseHashesWork() throws Exception {
    ArtifactTree tree =
        ArtifactTree.folder(
            List.of(textEntry("SKILL.md", "a\n"), textEntry("odd\nname %.md", "b")));
    String hash = store.put(tree);
    store.close();

    try (HistoryStore reopened = HistoryStore.open(tmp.resolve("data"))) {
      ArtifactTree back = reopened.get(hash.toUpperCase()).orElseThrow();

      assertThat(reopened.contains(hash)).isTrue();
      assertThat(back.contentHash()).isEqualTo(hash);
      assertThat(back.file("odd\nname %.md").readAll())
          .isEqualTo("b".getBytes(StandardCharsets.UTF_8));
    }
    store = HistoryStore.open(tmp.resolve("data"));
  }

  @Test
  void gc_keepsEveryVersionAndLineage() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(textEntry("SKILL.md", "a\n")));
    String hash = store.put(tree);
    LineageKey key = LineageKey.collection(SKILL, "default");
    store.recordLineage(key, hash, Instant.parse("2026-11-01T10:00:00Z"), "added");

    store.gc();

    assertThat(store.get(hash).orElseThrow().file("SKILL.md").readAll())
        .isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
    assertThat(store.lineage(key)).extracting(LineageEntry::contentHash).containsExactly(hash);
  }

  @Test
  void close_thenUse_failsClearly() {
    store.close();

    assertThatThrownBy(() -> store.contains(hash(1))).isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- lineage

  @Test
  void lineage_isOldestFirstWithExactTimestampsAndNotes() throws Exception {
    LineageKey key = LineageKey.collection(SKILL, "default");
    Instant t1 = Instant.parse("2026-11-01T10:00:00.123Z");
    Instant t2 = Instant.parse("2026-11-02T10:00:00.456789Z");
    Instant t3 = Instant.parse("2026-11-03T10:00:00Z");

    assertThat(store.lineage(key)).isEmpty();
    store.recordLineage(key, hash(1), t1, "added from upstream");
    store.recordLineage(key, hash(2), t2, "sync job 7\nsecond line");
    store.recordLineage(key, hash(3), t3, null);

    assertThat(store.lineage(key))
        .containsExactly(
            new LineageEntry(hash(1), t1, "added from upstream"),
            new LineageEntry(hash(2), t2, "sync job 7\nsecond line"),
            new LineageEntry(hash(3), t3, ""));
  }

  @Test
  void recordLineage_sameHashAsHead_isANoOpButAReturnIsRecorded() throws Exception {
    LineageKey key = LineageKey.collection(SKILL, "default");
    Instant t = Instant.parse("2026-11-01T10:00:00Z");

    assertThat(store.recordLineage(key, hash(1), t, "first")).isTrue();
    assertThat(store.recordLineage(key, hash(1), t.plusSeconds(5), "again")).isFalse();
    assertThat(store.recordLineage(key, hash(2), t.plusSeconds(9), "changed")).isTrue();
    assertThat(store.recordLineage(key, hash(1), t.plusSeconds(20), "reverted")).isTrue();

    assertThat(store.lineage(key))
        .extracting(LineageEntry::contentHash, LineageEntry::note)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(hash(1), "first"),
            org.assertj.core.groups.Tuple.tuple(hash(2), "changed"),
            org.assertj.core.groups.Tuple.tuple(hash(1), "reverted"));
  }

  @Test
  void lineage_keysDifferingInArtifactOrScope_areIndependent() throws Exception {
    Instant t = Instant.parse("2026-11-01T10:00:00Z");
    LineageKey collection = LineageKey.collection(SKILL, "default");
    LineageKey project = LineageKey.project(SKILL, tmp.resolve("my project: [with] odd ~chars\n"));
    LineageKey upstream = LineageKey.upstream(SKILL, "https://github.com/o/r.git?x=1#frag");
    LineageKey otherArtifact =
        LineageKey.collection(ArtifactId.parse("command:pdf-tools"), "default");

    store.recordLineage(collection, hash(1), t, "");
    store.recordLineage(project, hash(2), t, "");
    store.recordLineage(upstream, hash(3), t, "");

    assertThat(store.lineage(collection))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(1));
    assertThat(store.lineage(project))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(2));
    assertThat(store.lineage(upstream))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(3));
    assertThat(store.lineage(otherArtifact)).isEmpty();
  }

  @Test
  void recordLineage_storedVersion_commitCarriesItsTree() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(textEntry("SKILL.md", "a\n")));
    String hash = store.put(tree);
    LineageKey key = LineageKey.collection(SKILL, "default");
    store.recordLineage(key, hash, Instant.parse("2026-11-01T10:00:00Z"), "");

    try (Repository repo = new FileRepositoryBuilder().setGitDir(store.gitDir().toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit lineage =
          walk.parseCommit(repo.exactRef(HistoryStore.lineageRef(key)).getObjectId());
      RevCommit version = walk.parseCommit(repo.exactRef("refs/tiersync/v/" + hash).getObjectId());
      assertThat(lineage.getTree()).isEqualTo(version.getTree());
      assertThat(HistoryStore.lineageRef(key)).matches("refs/tiersync/lineage/[0-9a-f]{64}");
    }
  }

  @Test
  void recordLineage_malformedHash_isRejected() {
    LineageKey key = LineageKey.collection(SKILL, "default");

    assertThatThrownBy(() -> store.recordLineage(key, "abc", Instant.now(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordLineage_concurrentAppendsFromThreadsAndTwoStores_loseNothing() throws Exception {
    LineageKey key = LineageKey.project(SKILL, tmp.resolve("proj"));
    int threads = 8;
    int perThread = 15;
    // A second store on the same folder has its own Repository and locks, like another process.
    try (HistoryStore second = HistoryStore.open(tmp.resolve("data"))) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        HistoryStore target = t % 2 == 0 ? store : second;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    target.recordLineage(
                        key, hash(id * 1000 + i), Instant.now(), "t" + id + "#" + i);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      List<LineageEntry> lineage = store.lineage(key);
      assertThat(lineage).hasSize(threads * perThread);
      Set<String> hashes = new HashSet<>();
      lineage.forEach(e -> hashes.add(e.contentHash()));
      assertThat(hashes).hasSize(threads * perThread);
      // Each thread's own appends keep their order.
      for (int t = 0; t < threads; t++) {
        String prefix = "t" + t + "#";
        List<String> notes =
            lineage.stream().map(LineageEntry::note).filter(n -> n.startsWith(prefix)).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          expected.add(prefix + i);
        }
        assertThat(notes).containsExactlyElementsOf(expected);
      }
      assertThat(second.lineage(key)).isEqualTo(lineage);
    }
  }

  // ---------------------------------------------------------------- helpers

  private List<String> versionRefs() throws IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(store.gitDir().toFile()).build()) {
      return repo.getRefDatabase().getRefsByPrefix("refs/tiersync/v/").stream()
          .map(Ref::getName)
          .toList();
    }
  }

  private static String refId(Path gitDir, String ref) throws IOException {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build()) {
      return repo.exactRef(ref).getObjectId().name();
    }
  }

  private static String digest(InputStream in) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Deterministic, incompressible-looking bytes generated on the fly: never held in memory. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private long pos;
    private long state = 0x9E3779B97F4A7C15L;

    PatternStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (pos >= size) {
        return -1;
      }
      pos++;
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      return (int) (state & 0xff);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) read();
      }
      return n;
    }
  }
}
