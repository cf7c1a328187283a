package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.content.Trees;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
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

class VersionStoreTest {
  @TempDir Path tmp;
  private HistoryRepository repository;
  private VersionStore versions;

  @BeforeEach
  void setUp() {
    repository = new HistoryRepository(tmp.resolve("data/history.git"));
    versions = new VersionStore(repository);
  }

  @AfterEach
  void tearDown() {
    repository.close();
  }

  private static String hash(int n) {
    return ArtifactTree.sha256Hex(("version " + n).getBytes(StandardCharsets.UTF_8));
  }

  private ArtifactTree readDisk(Path root) throws IOException {
    return new DiskTreeReader(new HashCache()).read(root).orElseThrow();
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

    String hash = versions.put(original);
    ArtifactTree back = versions.get(hash).orElseThrow();

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
    String hash = versions.put(readDisk(skill));

    try (Repository repo =
            new FileRepositoryBuilder().setGitDir(repository.gitDir().toFile()).build();
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

    ArtifactTree back = versions.get(versions.put(original)).orElseThrow();

    assertThat(back.isSingleFile()).isTrue();
    assertThat(back).isEqualTo(original);
    assertThat(back.files()).containsOnlyKeys("review.md");
    assertThat(back.file("review.md").readAll())
        .isEqualTo("review carefully\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void put_emptySingleFileAndEmptyFolder_roundTrip() throws Exception {
    ArtifactTree emptyFile = ArtifactTree.singleFile(Trees.text("empty.md", ""));
    ArtifactTree emptyFolder = ArtifactTree.folder(List.of());

    ArtifactTree file = versions.get(versions.put(emptyFile)).orElseThrow();
    ArtifactTree folder = versions.get(versions.put(emptyFolder)).orElseThrow();

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
    ArtifactTree tree = ArtifactTree.folder(List.of(big, Trees.text("SKILL.md", "big\n")));

    String hash = versions.put(tree);
    ArtifactTree back = versions.get(hash).orElseThrow();

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
    ArtifactTree tree = ArtifactTree.folder(List.of(Trees.text("SKILL.md", "a\n")));
    String first = versions.put(tree);
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

    String second = versions.put(ArtifactTree.folder(List.of(unreadable)));

    assertThat(second).isEqualTo(first);
    assertThat(versionRefs()).hasSize(refsAfterFirst).hasSize(1);
  }

  @Test
  void put_sameContentInTwoStores_yieldsTheSameCommit() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(Trees.text("SKILL.md", "a\n")));
    String hash = versions.put(tree);
    try (HistoryRepository other = new HistoryRepository(tmp.resolve("other/history.git"))) {
      new VersionStore(other).put(tree);

      assertThat(refId(other.gitDir(), "refs/tiersync/v/" + hash))
          .isEqualTo(refId(repository.gitDir(), "refs/tiersync/v/" + hash));
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

    assertThatThrownBy(() -> versions.put(staleTree))
        .isInstanceOf(HistoryIntegrityException.class)
        .hasMessageContaining("SKILL.md");
    assertThatThrownBy(() -> versions.put(ArtifactTree.folder(List.of(grown))))
        .isInstanceOf(HistoryIntegrityException.class)
        .hasMessageContaining("big.txt");
    assertThat(versions.contains(staleTree.contentHash())).isFalse();
    assertThat(versionRefs()).isEmpty();
  }

  @Test
  void put_pathsGitCannotHold_areRejected() {
    ArtifactTree clash =
        ArtifactTree.folder(List.of(Trees.text("a", "file"), Trees.text("a/b", "below")));
    ArtifactTree dotGit = ArtifactTree.folder(List.of(Trees.text(".git/config", "x")));

    assertThatThrownBy(() -> versions.put(clash)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> versions.put(dotGit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(".git/config");
  }

  @Test
  void get_unknownOrMalformedHash_isEmpty() throws Exception {
    assertThat(versions.get(hash(404))).isEmpty();
    assertThat(versions.get("../../config")).isEmpty();
    assertThat(versions.get(null)).isEmpty();
    assertThat(versions.contains("not-a-hash")).isFalse();
  }

  @Test
  void get_afterReopen_usesTheStoredIndexAndUppercaseHashesWork() throws Exception {
    ArtifactTree tree =
        ArtifactTree.folder(
            List.of(Trees.text("SKILL.md", "a\n"), Trees.text("odd\nname %.md", "b")));
    String hash = versions.put(tree);
    repository.close();

    try (HistoryRepository again = new HistoryRepository(tmp.resolve("data/history.git"))) {
      VersionStore reopened = new VersionStore(again);
      ArtifactTree back = reopened.get(hash.toUpperCase()).orElseThrow();

      assertThat(reopened.contains(hash)).isTrue();
      assertThat(back.contentHash()).isEqualTo(hash);
      assertThat(back.file("odd\nname %.md").readAll())
          .isEqualTo("b".getBytes(StandardCharsets.UTF_8));
    }
    repository = new HistoryRepository(tmp.resolve("data/history.git"));
  }

  // ---------------------------------------------------------------- helpers

  private List<String> versionRefs() throws IOException {
    try (Repository repo =
        new FileRepositoryBuilder().setGitDir(repository.gitDir().toFile()).build()) {
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
