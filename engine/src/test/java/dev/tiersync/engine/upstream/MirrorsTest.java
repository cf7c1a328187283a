package dev.tiersync.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Where a remote's mirror lives, opening it, and updating it under its lock. */
class MirrorsTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final Path tmp = parts.root;
  private final UpstreamRepo upstream = parts.upstream;

  @Test
  void dir_spellingsOfOneRemote_shareOneMirror_otherRemotesDoNot() throws Exception {
    Path bare = upstream.bareDir();

    assertThat(parts.mirrorDir(" " + upstream.url() + "/ "))
        .isEqualTo(parts.mirrorDir(upstream.url()));
    assertThat(parts.mirrorDir(bare.resolve("../upstream.git/").toString()))
        .isEqualTo(parts.mirrorDir(bare.toString()));
    assertThat(parts.mirrorDir(bare.toString())).isNotEqualTo(parts.mirrorDir(upstream.url()));
    Path mirror = parts.mirrorDir(upstream.url());
    assertThat(mirror.getParent()).isEqualTo(tmp.resolve("data/upstream"));
    assertThat(mirror.getFileName().toString()).matches("[0-9a-f]{20}\\.git");
  }

  @Test
  void open_mirrorRecordedForAnotherRemote_isUnavailable() throws Exception {
    parts.commitSkill();
    parts.fetch(upstream.url(), null);
    Path dir = parts.mirrorDir(upstream.url());
    parts.mirrors.close();
    Path config = dir.resolve("config");
    String recorded = upstream.url().replaceAll("/$", "");
    Files.writeString(config, Files.readString(config).replace(recorded, "/elsewhere"));

    try (Mirrors reopened = new Mirrors(dir.getParent(), null)) {
      assertThatThrownBy(() -> reopened.open(Remote.of(upstream.url())))
          .isInstanceOf(UpstreamUnavailableException.class)
          .hasMessageContaining("belongs to /elsewhere");
    }
  }

  @Test
  void fetch_concurrentCallersForOneUrl_shareOneConsistentMirror() throws Exception {
    RevCommit c = parts.commitSkill();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        calls.add(() -> parts.resolve(upstream.url(), "main").commitSha());
      }
      for (Future<String> f : pool.invokeAll(calls)) {
        assertThat(f.get()).isEqualTo(c.name());
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var siblings = Files.list(parts.mirrorDir(upstream.url()).getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".tmp-"))
          .filteredOn(n -> n.endsWith(".git"))
          .hasSize(1);
    }
  }
}
