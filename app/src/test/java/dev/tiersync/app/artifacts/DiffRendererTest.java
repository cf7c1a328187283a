package dev.tiersync.app.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ContentLoader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.ArtifactDiff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class DiffRendererTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final DiffCache cache = new DiffCache(16, 1_000_000);

  @Test
  void preview_samePairTwice_rendersOnceAndCountsAHit() {
    DiffRenderer renderer = new DiffRenderer(1024, cache, registry);
    ArtifactTree lhs = tree("a\n");
    ArtifactTree rhs = tree("b\n");

    ArtifactDiff first = renderer.preview(lhs, rhs);
    ArtifactDiff second = renderer.preview(tree("a\n"), tree("b\n"));

    assertThat(second).isSameAs(first);
    assertThat(first.summary().linesAdded()).isEqualTo(1);
    assertThat(requests("hit")).isEqualTo(1);
    assertThat(requests("miss")).isEqualTo(1);
  }

  @Test
  void preview_anotherPreviewLimit_rendersAgain() {
    ArtifactDiff wide = new DiffRenderer(1024, cache, registry).preview(tree("a\n"), tree("b\n"));

    ArtifactDiff narrow = new DiffRenderer(8, cache, registry).preview(tree("a\n"), tree("b\n"));

    assertThat(wide.truncated()).isFalse();
    assertThat(narrow.truncated()).isTrue();
  }

  @Test
  void renderFailure_isCountedAndAnswered500() {
    DiffRenderer renderer = new DiffRenderer(1024, cache, registry);
    ArtifactTree unreadable =
        ArtifactTree.folder(
            List.of(
                new FileEntry(
                    "a.md",
                    FileMode.REGULAR,
                    2,
                    "f".repeat(64),
                    () -> {
                      throw new IOException("disk gone");
                    })));

    assertThatThrownBy(() -> renderer.preview(unreadable, tree("b\n")))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
              assertThat(e.getMessage()).contains("a.md");
            });
    assertThatThrownBy(() -> renderer.fullPatch(unreadable, tree("b\n")))
        .isInstanceOf(ApiException.class);
    assertThat(registry.get("tiersync_diff_render_failures").counter().count()).isEqualTo(2);
  }

  @Test
  void fullPatch_usesGitPrefixes() {
    String patch =
        new String(new DiffRenderer(1, cache, registry).fullPatch(tree("a\n"), tree("b\n")), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(patch)
        .isEqualTo("diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-a\n+b\n");
  }

  private double requests(String result) {
    return registry.get("tiersync_diff_cache_requests").tag("result", result).counter().count();
  }

  private static ArtifactTree tree(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    ContentLoader loader = () -> new ByteArrayInputStream(bytes);
    return ArtifactTree.folder(
        List.of(
            new FileEntry(
                "a.md", FileMode.REGULAR, bytes.length, ArtifactTree.sha256Hex(bytes), loader)));
  }
}
