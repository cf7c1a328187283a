package dev.tiersync.app.demo;

import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Builds the demo workspace on the first start with {@code TIERSYNC_DEMO=true}. It runs while the
 * application context starts, before the HTTP port opens, so the first request already sees it.
 */
@Component
@ConditionalOnProperty(name = DemoEnvironmentPostProcessor.DEMO_PROPERTY, havingValue = "true")
class DemoSeeder implements InitializingBean {
  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

  private final DemoWorkspace workspace;
  private final SyncEngine engine;
  private final UpstreamCache upstreams;

  DemoSeeder(DataDirectory data, SyncEngine engine, UpstreamCache upstreams) {
    this.workspace = new DemoWorkspace(DemoWorkspace.rootOf(data.root()));
    this.engine = engine;
    this.upstreams = upstreams;
  }

  @Override
  public void afterPropertiesSet() throws IOException {
    boolean seeded = workspace.seedIfAbsent(engine, upstreams);
    log.info(
        "Demo workspace {} {}: collections {}, project {}",
        workspace.root(),
        seeded ? "created" : "already there (kept as is)",
        workspace.collectionsRoot(),
        workspace.project());
  }
}
