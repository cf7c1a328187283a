package dev.tiersync.app.artifacts;

import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.versions.VersionReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the diff renderer with the configured preview limit ({@code SYNC_DIFF_PREVIEW_MAX}), and
 * the engine's version reader the versions answer comes from.
 */
@Configuration(proxyBeanMethods = false)
class ArtifactsConfig {
  /** Enough for the diffs a few people browse at once; entries without text are tiny. */
  static final int DIFF_CACHE_ENTRIES = 256;

  /** Bounds the inline text the cache keeps, whatever the preview limit. */
  static final long DIFF_CACHE_BYTES = 64L * 1024 * 1024;

  @Bean
  DiffRenderer diffRenderer(TiersyncProperties properties, MeterRegistry registry) {
    return new DiffRenderer(
        properties.sync().diffPreviewMax().toBytes(),
        new DiffCache(DIFF_CACHE_ENTRIES, DIFF_CACHE_BYTES),
        registry);
  }

  @Bean
  VersionReader versionReader(SyncEngine engine, HistoryStore history, UpstreamCache upstreams) {
    return new VersionReader(engine.reader(), history, upstreams);
  }
}
