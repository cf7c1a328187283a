package dev.tiersync.app.temporal;

import dev.tiersync.activities.CollectionActivitiesImpl;
import dev.tiersync.activities.PatchActivitiesImpl;
import dev.tiersync.activities.ResolveActivitiesImpl;
import dev.tiersync.activities.SyncActivitiesImpl;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.jobs.JobEventPublisher;
import dev.tiersync.app.jobs.LiveProgress;
import dev.tiersync.app.watch.WatchActivitiesImpl;
import dev.tiersync.engine.collection.ArtifactAdditions;
import dev.tiersync.engine.collection.ArtifactRemovals;
import dev.tiersync.engine.collection.PolicyWriter;
import dev.tiersync.engine.collection.CollectionCreator;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.patch.LocalVersionsReader;
import dev.tiersync.engine.patch.PatchBundleBuilder;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.collection.CollectionWorkflowImpl;
import dev.tiersync.workflows.host.HostFleetWorkflowImpl;
import dev.tiersync.workflows.host.HostWorkflowImpl;
import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import dev.tiersync.workflows.lock.LockActivitiesImpl;
import dev.tiersync.workflows.patch.PatchWorkflowImpl;
import dev.tiersync.workflows.ping.PingWorkflowImpl;
import dev.tiersync.workflows.resolve.ResolveWorkflowImpl;
import dev.tiersync.workflows.sync.SyncWorkflowImpl;
import dev.tiersync.workflows.watch.WatchWorkflowImpl;
import dev.tiersync.workflows.watch.WebhookWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal wiring: option customizers for the beans the Temporal starter creates, and the workers.
 *
 * <p>The starter provides the {@link WorkflowClient} and its service stubs. Which server they talk
 * to is decided by {@link TemporalModeEnvironmentPostProcessor}: with no {@code TEMPORAL_ADDRESS}
 * it turns on {@code spring.temporal.test-server.enabled}, and the starter runs Temporal's test
 * server in this JVM over an in-process gRPC channel (no network port); otherwise the stubs connect
 * to {@code spring.temporal.connection.target} = {@code TEMPORAL_ADDRESS}.
 *
 * <p>Workers are registered here, explicitly, rather than through the starter's {@code
 * spring.temporal.workers} list or its annotation scanning: task queues stay Java constants, the
 * registered types are checked by the compiler, and {@code workflows}/{@code activities} need no
 * Spring annotations.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfig {

  /**
   * Options of the embedded test server; the starter applies this only when it runs one.
   *
   * <ul>
   *   <li>The embedded server is the product's runtime, not a unit-test fixture: timers must fire
   *       in real time, so time skipping is off.
   *   <li>The test server does not implement worker heartbeats, and without this every start logs a
   *       warning about it; a negative interval turns the SDK's worker heartbeats off.
   * </ul>
   */
  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> embeddedServerOptions() {
    return options -> {
      WorkflowClientOptions client = options.build().getWorkflowClientOptions();
      WorkflowClientOptions.Builder clientOptions =
          client == null
              ? WorkflowClientOptions.newBuilder()
              : WorkflowClientOptions.newBuilder(client);
      return options
          .setUseTimeskipping(false)
          .setWorkflowClientOptions(
              clientOptions.setWorkerHeartbeatInterval(Duration.ofSeconds(-1)).build());
    };
  }

  /**
   * The worker factory and its workers. Started and stopped by {@link TemporalWorkerLifecycle}, so
   * Spring must not shut it down a second time on its own.
   */
  @Bean(destroyMethod = "")
  WorkerFactory tiersyncWorkerFactory(
      WorkflowClient client,
      SyncEngine engine,
      ScopeResolver scopes,
      LiveProgress progress,
      JobEventPublisher events,
      PatchBundleBuilder patches,
      CollectionActivitiesImpl collections,
      WatchActivitiesImpl watch,
      HistoryStore history,
      DataDirectory data) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker jobs = factory.newWorker(TaskQueues.JOBS);
    jobs.registerWorkflowImplementationTypes(
        SyncWorkflowImpl.class,
        ResolveWorkflowImpl.class,
        PatchWorkflowImpl.class,
        CollectionWorkflowImpl.class,
        ArtifactLockWorkflowImpl.class,
        WatchWorkflowImpl.class,
        WebhookWorkflowImpl.class,
        PingWorkflowImpl.class,
        HostWorkflowImpl.class,
        HostFleetWorkflowImpl.class);
    jobs.registerActivitiesImplementations(
        new SyncActivitiesImpl(engine, scopes, progress),
        new ResolveActivitiesImpl(engine, scopes),
        new PatchActivitiesImpl(
            engine, scopes, patches, new LocalVersionsReader(engine.reader(), history), data.root().resolve("patches")),
        collections,
        watch,
        new LockActivitiesImpl(client));
    // The job-event activity runs as a local activity of every job workflow: it persists each
    // transition in this process, without a round trip through the task queue.
    jobs.registerActivitiesImplementations(events);
    return factory;
  }

  @Bean
  CollectionActivitiesImpl collectionActivities(
      CollectionCreator creator,
      ArtifactAdditions additions,
      ArtifactRemovals removals,
      ScopeResolver scopes,
      LiveProgress progress,
      SyncEngine engine,
      PolicyWriter policies) {
    return new CollectionActivitiesImpl(
        creator, additions, removals, scopes, progress, engine.hosted(), engine.rollbacks(),
        policies);
  }

  @Bean
  TemporalWorkerLifecycle temporalWorkerLifecycle(WorkerFactory tiersyncWorkerFactory) {
    return new TemporalWorkerLifecycle(
        tiersyncWorkerFactory, "Temporal workers started on task queue '" + TaskQueues.JOBS + "'");
  }
}
