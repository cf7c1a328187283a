package dev.tiersync.workflows.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyInput;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's question to a host on Temporal's test server: the workflow on the jobs queue, an
 * agent for {@code ann} that reads one project and refuses another, and no agent for {@code bob}.
 */
class HostFleetWorkflowTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  /** Reads {@code web} (each artifact as the request named it), refuses any other project. */
  static final class AnnProjects implements HostProjectActivities {
    @Override
    public List<String> artifacts(JobRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ProjectSide> read(JobRequest request) {
      if (!request.projectPath().equals("ann:/home/ann/code/web")) {
        throw ApplicationFailure.newNonRetryableFailure(
            "host 'ann': project_path must be inside a project root", "Validation");
      }
      assertThat(request.collection()).isEqualTo("team");
      return request.artifactIds().stream()
          .map(id -> new ProjectSide(id, "hash-of-" + id, null, null, null, null))
          .toList();
    }

    @Override
    public ArtifactResult apply(ApplyInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public dev.tiersync.engine.model.ResolveResult resolve(
        dev.tiersync.workflows.resolve.ResolveInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ArtifactResult undeploy(ApplyInput input) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void recordDeployment(ApplyInput input) {
      throw new UnsupportedOperationException();
    }
  }

  HostFleetWorkflowTest() {
    env.newWorker(TaskQueues.JOBS).registerWorkflowImplementationTypes(HostFleetWorkflowImpl.class);
    env.newWorker(TaskQueues.host("ann")).registerActivitiesImplementations(new AnnProjects());
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private HostFleetWorkflow workflow(String id) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            HostFleetWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.JOBS).setWorkflowId(id).build());
  }

  @Test
  void read_ofAnOnlineHost_isEachProjectsSides_orWhyItWasRefused() {
    List<HostFleetWorkflow.ProjectRead> reads =
        workflow("fleet-ann")
            .read(
                new HostFleetWorkflow.Question(
                    "ann", 5, "team", List.of("/home/ann/code/web", "/elsewhere/api"),
                    List.of("skill:a", "skill:b")));

    assertThat(reads).hasSize(2);
    assertThat(reads.get(0).project()).isEqualTo("/home/ann/code/web");
    assertThat(reads.get(0).error()).isNull();
    assertThat(reads.get(0).sides()).extracting(ProjectSide::artifactId).containsExactly("skill:a", "skill:b");
    assertThat(reads.get(1).project()).isEqualTo("/elsewhere/api");
    assertThat(reads.get(1).sides()).isEmpty();
    assertThat(reads.get(1).error()).isEqualTo("host 'ann': project_path must be inside a project root");
  }

  @Test
  void read_ofAHostWithNoAgent_failsAsOfflineNamingHostAndQueue() {
    HostTestEnvironment.assertOffline(
        () -> workflow("fleet-bob")
                .read(new HostFleetWorkflow.Question("bob", 5, "team", List.of("/home/bob/x"), List.of("skill:a"))), "bob");
  }

  @Test
  void longestRun_isTheAnswerTimeoutAndOneRead() {
    assertThat(HostFleetWorkflowImpl.longestRun(
            new HostFleetWorkflow.Question("ann", 5, "team", List.of(), List.of())))
        .hasSeconds(125);
  }
}
