package dev.tiersync.engine.testing;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The engine wired as the app wires it, over a data dir holding the history store and the
 * upstream cache.
 */
public final class TestEngine implements AutoCloseable {
  private final HistoryStore history;
  private final UpstreamCache upstreams;
  private final SyncEngine syncEngine;

  private TestEngine(Path dataDir) {
    history = HistoryStore.open(dataDir);
    upstreams = new UpstreamCache(dataDir);
    syncEngine =
        new SyncEngine(
            new TierReader(new DiskTreeReader(new HashCache()), history, upstreams),
            history,
            new StatusCalculator(),
            new AtomicArtifactWriter(),
            Clock.systemUTC());
  }

  public static TestEngine open(Path dataDir) {
    return new TestEngine(dataDir);
  }

  public SyncEngine syncEngine() {
    return syncEngine;
  }

  public HistoryStore history() {
    return history;
  }

  public UpstreamCache upstreams() {
    return upstreams;
  }

  @Override
  public void close() {
    upstreams.close();
    history.close();
  }
}
