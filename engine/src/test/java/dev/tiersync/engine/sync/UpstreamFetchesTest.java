package dev.tiersync.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.UpstreamRepo;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamFetchesTest {
  @TempDir Path tmp;

  @Test
  void fetchesEachRepositoryOnce_andNamesTheOnesThatCannotBeReached() throws Exception {
    try (UpstreamRepo upstream = UpstreamRepo.create(tmp.resolve("remote"), "main")) {
      upstream.commit("add two skills", Map.of("skills/a/SKILL.md", "a\n", "skills/b/SKILL.md", "b\n"));
      String missing = tmp.resolve("no-such-repo.git").toUri().toString();
      UpstreamCache cache = new UpstreamCache(tmp.resolve("data"));
      List<ManifestArtifact> entries =
          List.of(
              ManifestArtifact.fromUpstream(ArtifactId.parse("skill:a"), upstream.url(), "skills/a", "latest", Instant.EPOCH),
              ManifestArtifact.fromUpstream(ArtifactId.parse("skill:b"), upstream.url(), "skills/b", "latest", Instant.EPOCH),
              ManifestArtifact.fromUpstream(ArtifactId.parse("skill:gone"), missing, "skills/gone", "latest", Instant.EPOCH),
              ManifestArtifact.local(ArtifactId.parse("skill:mine"), Instant.EPOCH));
      Map<String, String> failures = new HashMap<>();

      UpstreamFetches.fetchEach(cache, entries, failures);

      assertThat(failures).containsOnlyKeys(missing);
      assertThat(cache.lastFetched(upstream.url())).isPresent();
      assertThat(cache.lastFetched(missing)).isEmpty();
    }
  }
}
