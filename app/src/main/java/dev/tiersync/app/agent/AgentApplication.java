package dev.tiersync.app.agent;

import dev.tiersync.activities.HostActivitiesImpl;
import dev.tiersync.activities.HostProjectActivitiesImpl;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.temporal.TemporalWorkerLifecycle;
import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@code tiersync agent}: the same jar as the server, in a mode that runs one Temporal worker on
 * the host's own task queue ({@code tiersync-host-<TIERSYNC_HOST_ID>}) and nothing else: no web
 * server, no job store, no watch, no embedded Temporal server (docs/agents.md).
 *
 * <p>Deliberately not a {@code @Configuration} and without auto-configuration: the server's
 * component scan covers this package and must not pick the agent's beans up, and the agent must
 * not get the server's (every one of which comes from that scan or from auto-configuration).
 * Spring still binds the settings from {@code application.yml} and sets up logging.
 */
@EnableConfigurationProperties({TiersyncProperties.class, AgentProperties.class})
public class AgentApplication {

  /** The first program argument that selects this mode. */
  public static final String MODE = "agent";

  /** How long connecting to the server, and then waiting for its answer to begin, may take. */
  static final Duration SERVER_TIMEOUT = Duration.ofSeconds(60);

  /** Starts the agent; it runs until the process is stopped. */
  public static void run(String[] args) {
    SpringApplication application = new SpringApplication(AgentApplication.class);
    // Spring would name the class whose main() ran, the server's, in its start-up lines.
    application.setMainApplicationClass(AgentApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    // Temporal's worker threads are daemons: without this the JVM would end once started.
    application.setKeepAlive(true);
    application.run(args);
  }

  /** The first bean, so that a missing setting stops the agent before it touches anything. */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs agentServiceStubs(TiersyncProperties properties, AgentProperties agents) {
    requireSettings(properties, agents);
    String address = properties.temporal().address();
    try {
      // Connected now, so that an unreachable cluster stops the agent with one line naming it
      // rather than a stack trace from the worker's first poll.
      return WorkflowServiceStubs.newConnectedServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(address).build(), CLUSTER_TIMEOUT);
    } catch (StatusRuntimeException e) {
      throw new AgentStartupException(
          "the agent cannot reach the Temporal cluster at TEMPORAL_ADDRESS=" + address + ": "
              + e.getStatus().getCode()
              + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
    }
  }

  /** How long the agent tries to reach its cluster at start. */
  static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(15);

  /** The settings a server does without and an agent cannot, in the order a user meets them. */
  private static void requireSettings(TiersyncProperties properties, AgentProperties agents) {
    if (properties.temporal().address().isEmpty()) {
      throw new AgentStartupException(
          "the agent needs TEMPORAL_ADDRESS, the host:port of the team's Temporal cluster: an agent"
              + " cannot use the embedded Temporal server, which lives inside the server's process");
    }
    if (agents.serverUrl().isEmpty()) {
      throw new AgentStartupException(
          "the agent needs TIERSYNC_SERVER_URL, the URL of the tiersync server (e.g. http://tiersync.example:8080):"
              + " it moves the versions it reads and writes to and from the server's history store");
    }
    if (agents.token().isEmpty()) {
      throw new AgentStartupException(
          "the agent needs TIERSYNC_AGENT_TOKEN, one of the server's TIERSYNC_API_TOKENS, to fetch and store"
              + " versions at " + agents.serverUrl());
    }
  }

  /** TIERSYNC_HOME, created (owner-only) and checked writable like the server's. */
  @Bean
  DataDirectory agentData(TiersyncProperties properties) {
    return new DataDirectory(properties);
  }

  /** The agent's cache of versions it read or downloaded: {@code <TIERSYNC_HOME>/history.git}. */
  @Bean
  HistoryStore agentHistory(DataDirectory agentData) {
    return HistoryStore.open(agentData.root());
  }

  @Bean
  HttpVersionTransfer agentVersionTransfer(AgentProperties agents, HistoryStore agentHistory, DataDirectory agentData)
      throws IOException {
    Path staging = StagingFolder.claim(agentData.root().resolve("objects-staging"));
    return new HttpVersionTransfer(agents.serverUri(), agents.token(), agentHistory, staging, SERVER_TIMEOUT);
  }

  @Bean
  WorkflowClient agentClient(WorkflowServiceStubs agentServiceStubs, TiersyncProperties properties) {
    return WorkflowClient.newInstance(
        agentServiceStubs, WorkflowClientOptions.newBuilder().setNamespace(properties.temporal().namespace()).build());
  }

  /**
   * The agent's engine: reads and writes its projects, keeps what it reads in its own history
   * store. It never reads an upstream (the server does), so its upstream cache stays empty.
   */
  @Bean(destroyMethod = "")
  SyncEngine agentEngine(HistoryStore agentHistory, DataDirectory agentData, TiersyncProperties properties) {
    UpstreamCache upstreams = new UpstreamCache(agentData.root(), properties.sync().upstreamTimeout(), null);
    return new SyncEngine(
        new TierReader(new DiskTreeReader(new HashCache()), agentHistory, upstreams),
        agentHistory,
        new StatusCalculator(),
        new AtomicArtifactWriter(),
        Clock.systemUTC());
  }

  /** Started and stopped by the lifecycle below, so Spring must not shut it down a second time. */
  @Bean(destroyMethod = "")
  WorkerFactory agentWorkerFactory(
      WorkflowClient agentClient, TiersyncProperties properties, AgentProperties agents,
      SyncEngine agentEngine, DataDirectory agentData, HttpVersionTransfer agentVersionTransfer) {
    WorkerFactory factory = WorkerFactory.newInstance(agentClient);
    factory
        .newWorker(TaskQueues.host(agents.hostId()))
        .registerActivitiesImplementations(
            new HostActivitiesImpl(agents.hostId(), version(), properties.projectRoots()),
            new HostProjectActivitiesImpl(
                agents.hostId(), agentEngine, properties.projectRoots(),
                agentData.root().resolve("collection-names"), agentVersionTransfer));
    return factory;
  }

  @Bean
  TemporalWorkerLifecycle agentWorkers(
      WorkerFactory agentWorkerFactory, TiersyncProperties properties, AgentProperties agents) {
    // One line that says who this agent is and where it listens (the integration tests wait for it).
    return new TemporalWorkerLifecycle(
        agentWorkerFactory,
        "tiersync agent %s for host '%s' polling task queue '%s' at %s (namespace %s); project roots %s"
            .formatted(
                version(),
                agents.hostId(),
                TaskQueues.host(agents.hostId()),
                properties.temporal().address(),
                properties.temporal().namespace(),
                properties.projectRoots()));
  }

  /** The version in the jar's manifest; a build from the IDE or classes folder has none. */
  static String version() {
    String version = AgentApplication.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
