package dev.tiersync.app.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.ArtifactDiff;
import dev.tiersync.engine.diff.FileDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffCacheTest {

  @Test
  void put_beyondMaxEntries_evictsTheLeastRecentlyUsed() {
    DiffCache cache = new DiffCache(2, 1_000_000);
    cache.put(key("a"), diff(10));
    cache.put(key("b"), diff(10));
    cache.get(key("a"));

    cache.put(key("c"), diff(10));

    assertThat(cache.get(key("a"))).isNotNull();
    assertThat(cache.get(key("b"))).isNull();
    assertThat(cache.get(key("c"))).isNotNull();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void put_beyondMaxWeight_evictsUntilTheTextFits() {
    long one = DiffCache.weight(diff(1_000));
    DiffCache cache = new DiffCache(100, 2 * one);
    cache.put(key("a"), diff(1_000));
    cache.put(key("b"), diff(1_000));

    cache.put(key("c"), diff(1_000));

    assertThat(cache.get(key("a"))).isNull();
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.weight()).isEqualTo(2 * one);
  }

  @Test
  void put_diffHeavierThanTheWholeCache_isNotKept() {
    DiffCache cache = new DiffCache(100, 500);
    cache.put(key("a"), diff(10));

    cache.put(key("big"), diff(10_000));

    assertThat(cache.get(key("big"))).isNull();
    assertThat(cache.get(key("a"))).isNotNull();
  }

  @Test
  void get_samePairUnderAnotherPreviewLimit_isAMiss() {
    DiffCache cache = new DiffCache(10, 1_000_000);
    cache.put(new DiffCache.Key("l", "r", 1024), diff(10));

    assertThat(cache.get(new DiffCache.Key("l", "r", 2048))).isNull();
    assertThat(cache.get(new DiffCache.Key("l", null, 1024))).isNull();
    assertThat(cache.get(new DiffCache.Key("l", "r", 1024))).isNotNull();
  }

  private static DiffCache.Key key(String lhs) {
    return new DiffCache.Key(lhs, "rhs", 1024);
  }

  private static ArtifactDiff diff(int textLength) {
    FileDiff file =
        new FileDiff(
            "a.md",
            FileDiff.Status.MODIFIED,
            false,
            1,
            1,
            FileMode.REGULAR,
            FileMode.REGULAR,
            "0".repeat(64),
            "1".repeat(64),
            1,
            1,
            false,
            "x".repeat(textLength));
    return new ArtifactDiff(List.of(file), new ArtifactDiff.Summary(0, 0, 1, 1, 1), false, null);
  }
}
