package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageLogTest {
  private static final ArtifactId SKILL = ArtifactId.parse("skill:pdf-tools");

  @TempDir Path tmp;
  private HistoryRepository repository;
  private VersionStore versions;
  private LineageLog lineages;

  @BeforeEach
  void setUp() {
    repository = new HistoryRepository(tmp.resolve("data/history.git"));
    versions = new VersionStore(repository);
    lineages = new LineageLog(repository, versions);
  }

  @AfterEach
  void tearDown() {
    repository.close();
  }

  private static String hash(int n) {
    return ArtifactTree.sha256Hex(("version " + n).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void lineage_isOldestFirstWithExactTimestampsAndNotes() throws Exception {
    LineageKey key = LineageKey.collection(SKILL, "default");
    Instant t1 = Instant.parse("2026-11-01T10:00:00.123Z");
    Instant t2 = Instant.parse("2026-11-02T10:00:00.456789Z");
    Instant t3 = Instant.parse("2026-11-03T10:00:00Z");

    assertThat(lineages.read(key)).isEmpty();
    lineages.record(key, hash(1), t1, "added from upstream");
    lineages.record(key, hash(2), t2, "sync job 7\nsecond line");
    lineages.record(key, hash(3), t3, null);

    assertThat(lineages.read(key))
        .containsExactly(
            new LineageEntry(hash(1), t1, "added from upstream"),
            new LineageEntry(hash(2), t2, "sync job 7\nsecond line"),
            new LineageEntry(hash(3), t3, ""));
  }

  @Test
  void recordLineage_sameHashAsHead_isANoOpButAReturnIsRecorded() throws Exception {
    LineageKey key = LineageKey.collection(SKILL, "default");
    Instant t = Instant.parse("2026-11-01T10:00:00Z");

    assertThat(lineages.record(key, hash(1), t, "first")).isTrue();
    assertThat(lineages.record(key, hash(1), t.plusSeconds(5), "again")).isFalse();
    assertThat(lineages.record(key, hash(2), t.plusSeconds(9), "changed")).isTrue();
    assertThat(lineages.record(key, hash(1), t.plusSeconds(20), "reverted")).isTrue();

    assertThat(lineages.read(key))
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

    lineages.record(collection, hash(1), t, "");
    lineages.record(project, hash(2), t, "");
    lineages.record(upstream, hash(3), t, "");

    assertThat(lineages.read(collection))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(1));
    assertThat(lineages.read(project))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(2));
    assertThat(lineages.read(upstream))
        .extracting(LineageEntry::contentHash)
        .containsExactly(hash(3));
    assertThat(lineages.read(otherArtifact)).isEmpty();
  }

  @Test
  void recordLineage_storedVersion_commitCarriesItsTree() throws Exception {
    ArtifactTree tree = ArtifactTree.folder(List.of(Trees.text("SKILL.md", "a\n")));
    String hash = versions.put(tree);
    LineageKey key = LineageKey.collection(SKILL, "default");
    lineages.record(key, hash, Instant.parse("2026-11-01T10:00:00Z"), "");

    try (Repository repo =
            new FileRepositoryBuilder().setGitDir(repository.gitDir().toFile()).build();
        RevWalk walk = new RevWalk(repo)) {
      RevCommit lineage =
          walk.parseCommit(repo.exactRef(LineageLog.refName(key)).getObjectId());
      RevCommit version = walk.parseCommit(repo.exactRef("refs/tiersync/v/" + hash).getObjectId());
      assertThat(lineage.getTree()).isEqualTo(version.getTree());
      assertThat(LineageLog.refName(key)).matches("refs/tiersync/lineage/[0-9a-f]{64}");
    }
  }

  @Test
  void recordLineage_malformedHash_isRejected() {
    LineageKey key = LineageKey.collection(SKILL, "default");

    assertThatThrownBy(() -> lineages.record(key, "abc", Instant.now(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordLineage_concurrentAppendsFromThreadsAndTwoStores_loseNothing() throws Exception {
    LineageKey key = LineageKey.project(SKILL, tmp.resolve("proj"));
    int threads = 8;
    int perThread = 15;
    // A second store on the same folder has its own Repository and locks, like another process.
    try (HistoryRepository secondRepository = new HistoryRepository(repository.gitDir())) {
      LineageLog second = new LineageLog(secondRepository, new VersionStore(secondRepository));
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        LineageLog target = t % 2 == 0 ? lineages : second;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    target.record(
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

      List<LineageEntry> lineage = lineages.read(key);
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
      assertThat(second.read(key)).isEqualTo(lineage);
    }
  }
}
