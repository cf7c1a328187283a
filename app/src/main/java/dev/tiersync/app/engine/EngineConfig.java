package dev.tiersync.app.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.InstanceLock;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.EventRelay;
import dev.tiersync.app.jobs.JdbcJobStore;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobStores;
import dev.tiersync.app.jobs.LiveProgress;
import dev.tiersync.app.jobs.PostgresEventRelay;
import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.collection.ArtifactAdditions;
import dev.tiersync.engine.collection.ArtifactRemovals;
import dev.tiersync.engine.collection.PolicyWriter;
import dev.tiersync.engine.collection.CollectionCreator;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.fleet.FleetReader;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.patch.PatchBundleBuilder;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;

/** The engine and the job store as Spring beans; the engine itself knows nothing of Spring. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  HistoryStore historyStore(DataDirectory data) {
    return HistoryStore.open(data.root());
  }

  /** Network reads stall at most {@code SYNC_UPSTREAM_TIMEOUT}; no credentials of its own. */
  @Bean(destroyMethod = "close")
  UpstreamCache upstreamCache(DataDirectory data, TiersyncProperties properties) {
    return new UpstreamCache(data.root(), properties.sync().upstreamTimeout(), null);
  }

  @Bean
  PatchBundleBuilder patchBundleBuilder(UpstreamCache upstream, Clock clock) {
    return new PatchBundleBuilder(upstream, clock);
  }

  @Bean
  HashCache hashCache() {
    return new HashCache();
  }

  @Bean
  StatusCalculator statusCalculator() {
    return new StatusCalculator();
  }

  @Bean
  SyncEngine syncEngine(HistoryStore history, UpstreamCache upstream, HashCache hashes, StatusCalculator status, Clock clock) {
    return new SyncEngine(
        new TierReader(new DiskTreeReader(hashes), history, upstream),
        history,
        status,
        new AtomicArtifactWriter(),
        clock);
  }

  @Bean
  CollectionCreator collectionCreator(TiersyncProperties properties, Clock clock) {
    return new CollectionCreator(new CollectionsRoot(properties.collections()), clock);
  }

  @Bean
  ArtifactAdditions artifactAdditions(SyncEngine engine, Clock clock) {
    return new ArtifactAdditions(engine, clock);
  }

  @Bean
  ArtifactRemovals artifactRemovals(SyncEngine engine, HistoryStore history, Clock clock) {
    return new ArtifactRemovals(engine.reader(), history, new AtomicArtifactWriter(), clock);
  }

  @Bean
  PolicyWriter policyWriter() {
    return new PolicyWriter();
  }

  @Bean
  FleetReader fleetReader(SyncEngine engine, StatusCalculator status) {
    return new FleetReader(engine, status);
  }

  @Bean
  ScopeResolver scopeResolver(TiersyncProperties properties) {
    return new ScopeResolver(new CollectionsRoot(properties.collections()), properties.projectRoots());
  }

  @Bean
  LiveProgress liveProgress() {
    return new LiveProgress();
  }

  /**
   * This instance's claim on its id in the shared data directory, in postgres mode (where several
   * instances may share it); released when the app stops, or by the OS when the process dies.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "tiersync.sync.job-store", havingValue = "postgres")
  InstanceLock instanceLock(TiersyncProperties properties, DataDirectory data) {
    return InstanceLock.claim(data.root(), properties.instanceId());
  }

  /**
   * The events relayed between instances: through PostgreSQL when instances share it as the job
   * store, none while the job store is this instance's own.
   */
  @Bean(destroyMethod = "close")
  EventRelay eventRelay(TiersyncProperties properties, DataSource dataSource) {
    if (properties.sync().jobStore() != TiersyncProperties.JobStore.POSTGRES) {
      return EventRelay.NONE;
    }
    TiersyncProperties.Db db = properties.sync().db();
    return new PostgresEventRelay(dataSource, db.url(), db.user(), db.password(), properties.instanceId());
  }

  /**
   * The job store for {@code SYNC_JOB_STORE}. In the default mode a SQLite file that cannot be
   * opened is logged and the app runs on the JSONL file alone; in postgres mode an unreachable
   * database stops start-up.
   */
  @Bean
  JobStore jobStore(
      TiersyncProperties properties,
      DataDirectory data,
      JdbcAggregateTemplate jdbc,
      DataSource dataSource,
      ObjectMapper json,
      ObjectProvider<InstanceLock> instanceLock) {
    // Claimed before this instance opens any file named after its id (the mirror, the audit log).
    instanceLock.ifAvailable(lock -> {});
    TiersyncProperties.JobStore mode = properties.sync().jobStore();
    return JobStores.create(
        mode,
        () -> new JdbcJobStore(jdbc, dataSource),
        JobStores.jsonlFile(data.root(), mode, properties.instanceId()),
        json);
  }
}
