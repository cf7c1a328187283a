package dev.tiersync.app.hosts;

import com.google.protobuf.Timestamp;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.workflows.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueKind;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * When a host's agent last polled its task queue, from Temporal's {@code DescribeTaskQueue}: the
 * cluster remembers each poller's last access for a few minutes. An idle agent's poll is held by
 * the cluster for up to a minute before the agent polls again, so a live agent's last access can
 * be that old.
 */
@Component
class HostPollers {
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(3);

  private final WorkflowServiceStubs stubs;
  private final String namespace;

  HostPollers(WorkflowServiceStubs stubs, TiersyncProperties properties) {
    this.stubs = stubs;
    this.namespace = properties.temporal().namespace();
  }

  /**
   * The latest poll of {@code hostId}'s queue by an agent, or empty when no poller is remembered.
   *
   * @throws io.grpc.StatusRuntimeException when Temporal cannot be asked
   */
  Optional<Instant> lastPoll(String hostId) {
    DescribeTaskQueueRequest request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(namespace)
            .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.host(hostId)).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
            // The agent polls for activity tasks only.
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
            .build();
    return stubs
        .blockingStub()
        .withDeadlineAfter(RPC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .describeTaskQueue(request)
        .getPollersList()
        .stream()
        .map(PollerInfo::getLastAccessTime)
        .map(HostPollers::instant)
        .max(Instant::compareTo);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
