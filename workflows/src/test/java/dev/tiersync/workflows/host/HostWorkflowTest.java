package dev.tiersync.workflows.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.TaskQueues;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host report workflow on Temporal's test server: the workflow on the jobs queue, one agent
 * ({@code ann}) polling its own queue, and no agent for {@code bob}.
 */
class HostWorkflowTest {
  private TestWorkflowEnvironment env;

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

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(TaskQueues.JOBS).registerWorkflowImplementationTypes(HostWorkflowImpl.class);
    Worker ann = env.newWorker(TaskQueues.host("ann"));
    ann.registerActivitiesImplementations(new AnnAgent());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private HostWorkflow workflow(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(HostWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.JOBS).setWorkflowId(id).build());
  }

  @Test
  void report_ofAHostWhoseAgentPolls_isWhatTheAgentAnswers() {
    HostWorkflow.Report report = workflow("host-ann").report(new HostWorkflow.Question("ann", 5));

    assertThat(report.agent()).isEqualTo(new HostDescription("ann", "1.2.3", List.of("/home/ann/code")));
    assertThat(report.projects()).containsExactly("/home/ann/code/web", "/home/ann/code/api");
  }

  @Test
  void report_ofAHostWithNoAgent_failsAsOfflineNamingHostAndQueue() {
    assertThatThrownBy(() -> workflow("host-bob").report(new HostWorkflow.Question("bob", 5)))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ErrorTypes.HOST_OFFLINE);
              assertThat(failure.getOriginalMessage())
                  .isEqualTo("host 'bob' is offline: no agent picked its request up from task queue 'tiersync-host-bob' within 5 s");
            });
  }

  @Test
  void longestRun_boundsTwoUnretriedRequests() {
    assertThat(HostWorkflowImpl.longestRun(new HostWorkflow.Question("ann", 5))).hasSeconds(70);
  }
}
