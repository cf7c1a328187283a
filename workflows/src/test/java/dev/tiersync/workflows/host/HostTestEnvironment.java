package dev.tiersync.workflows.host;

import dev.tiersync.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Temporal's test server with {@link HostWorkflowImpl} on the jobs queue and a fake agent for host
 * {@code ann} on its own queue; no agent polls any other host's queue. One per test; close it after.
 */
public final class HostTestEnvironment implements AutoCloseable {
  final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  /** Answers as ann's agent would, from fixed values. */
  static final class AnnAgent implements HostActivities {
    @Override
    public HostDescription describe() {
      return new HostDescription("ann", "1.2.3", List.of("/home/ann/code"));
    }

    @Override
    public HostProjects projects() {
      return new HostProjects(List.of("/home/ann/code/web", "/home/ann/code/api"));
    }
  }

  public HostTestEnvironment() {
    env.newWorker(TaskQueues.JOBS).registerWorkflowImplementationTypes(HostWorkflowImpl.class);
    env.newWorker(TaskQueues.host("ann")).registerActivitiesImplementations(new AnnAgent());
    env.start();
  }

  /** A stub of a new host workflow with id {@code id}. */
  HostWorkflow workflow(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(HostWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.JOBS).setWorkflowId(id).build());
  }

  /**
   * Records the histories {@code WorkflowReplayTest} replays: ann answering, and bob (no agent)
   * offline. Called by {@code HistoryRecorder}.
   */
  public static void recordHistories(Path out) throws Exception {
    try (HostTestEnvironment hosts = new HostTestEnvironment()) {
      WorkflowClient client = hosts.env.getWorkflowClient();
      hosts.workflow("host-report").report(new HostWorkflow.Question("ann", 5));
      try {
        hosts.workflow("host-offline").report(new HostWorkflow.Question("bob", 5));
      } catch (io.temporal.client.WorkflowFailedException expected) {
        // The offline history is what is recorded.
      }
      for (String id : List.of("host-report", "host-offline")) {
        Files.writeString(out.resolve(id + ".json"), client.fetchHistory(id).toJson(true));
        System.out.println("wrote " + out.resolve(id + ".json"));
      }
    }
  }

  /** Checks that {@code call} fails as a host question to {@code host}, whose agent is not there, does. */
  static void assertOffline(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String host) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call)
        .isInstanceOf(io.temporal.client.WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            io.temporal.failure.ApplicationFailure.class,
            failure -> {
              org.assertj.core.api.Assertions.assertThat(failure.getType())
                  .isEqualTo(dev.tiersync.workflows.ErrorTypes.HOST_OFFLINE);
              org.assertj.core.api.Assertions.assertThat(failure.getOriginalMessage())
                  .isEqualTo("host '" + host + "' is offline: no agent picked its request up from task queue 'tiersync-host-"
                      + host + "' within 5 s");
            });
  }

  @Override
  public void close() {
    env.close();
  }
}
