package dev.tiersync.app.upstreams;

import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.browse.UpstreamBrowser;
import dev.tiersync.engine.upstream.UpstreamCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's upstream browser, its fetches bounded by {@code SYNC_UPSTREAM_TIMEOUT}. */
@Configuration(proxyBeanMethods = false)
class UpstreamsConfig {
  @Bean
  UpstreamBrowser upstreamBrowser(UpstreamCache upstreams, TiersyncProperties properties) {
    return new UpstreamBrowser(upstreams, properties.sync().upstreamTimeout());
  }
}
