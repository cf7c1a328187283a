package dev.tiersync.app.temporal;

import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.NamespaceState;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code temporal} component of {@code /actuator/health}.
 *
 * <p>Two cheap unary calls that both the embedded test server and a real cluster answer: {@code
 * GetSystemInfo} (the server is reachable) and {@code DescribeNamespace} (the configured namespace
 * exists and is registered). Visibility APIs (list/count workflows) are deliberately not used: the
 * test server does not implement all of them. The component is also down when the workers are not
 * polling.
 */
@Component
class TemporalHealthIndicator implements HealthIndicator {

  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(3);

  private final WorkflowServiceStubs stubs;
  private final TiersyncProperties.Temporal temporal;
  private final WorkerFactory workerFactory;
  private final boolean embedded;

  TemporalHealthIndicator(
      WorkflowServiceStubs stubs,
      TiersyncProperties properties,
      WorkerFactory workerFactory,
      ObjectProvider<TestWorkflowEnvironment> embeddedServer) {
    this.stubs = stubs;
    this.temporal = properties.temporal();
    this.workerFactory = workerFactory;
    // Report the mode actually running: the starter creates this bean only for the embedded server.
    this.embedded = embeddedServer.getIfAvailable() != null;
  }

  @Override
  public Health health() {
    Health.Builder health =
        new Health.Builder()
            .withDetail("mode", embedded ? "embedded" : "remote")
            .withDetail("namespace", temporal.namespace())
            .withDetail("taskQueue", TaskQueues.JOBS);
    if (!embedded) {
      health.withDetail("address", temporal.address());
    }
    boolean workersRunning = workerFactory.isStarted() && !workerFactory.isShutdown();
    health.withDetail("workers", workersRunning ? "running" : "stopped");
    try {
      GetSystemInfoResponse systemInfo =
          stub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      if (!systemInfo.getServerVersion().isEmpty()) {
        health.withDetail("serverVersion", systemInfo.getServerVersion());
      }
      NamespaceState namespaceState =
          stub()
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace(temporal.namespace()).build())
              .getNamespaceInfo()
              .getState();
      health.withDetail("namespaceState", namespaceState.name());
      boolean up = workersRunning && namespaceState == NamespaceState.NAMESPACE_STATE_REGISTERED;
      return (up ? health.up() : health.down()).build();
    } catch (StatusRuntimeException e) {
      return health
          .down()
          .withDetail("error", e.getStatus().getCode() + ": " + e.getStatus().getDescription())
          .build();
    }
  }

  private WorkflowServiceBlockingStub stub() {
    return stubs.blockingStub().withDeadlineAfter(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
