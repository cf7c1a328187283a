package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as a whole: its repository is created on first use, packed and closed. */
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
    ArtifactTree tree = ArtifactTree.folder(List.of(Trees.text("SKILL.md", "a\n")));
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
  void gc_keepsEveryVersionAndLineage() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(Trees.text("SKILL.md", "a\n")));
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
}
