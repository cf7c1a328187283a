package dev.tiersync.workflows.patch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.host.HostActivities;
import dev.tiersync.workflows.host.HostDescription;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.host.HostProjects;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.sync.ApplyInput;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A patch export whose project is {@code host:path}, on Temporal's test server: the host's agent
 * reads the project on its own task queue, the server builds the bundle from what it read; a
 * project on the server never reaches a host; a host with no agent makes the job wait, then end
 * in error naming the host.
 */
class HostedPatchWorkflowTest {
  private static final String ANN = "ann:/home/ann/code/web";

  private final List<String> hostCalls = Collections.synchronizedList(new ArrayList<>());
  private JobTestEnvironment t;

  @BeforeEach
  void setUp() {
    t = new JobTestEnvironment(
        env -> env.newWorker(TaskQueues.host("ann")).registerActivitiesImplementations(new Agent()));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void hostProject_isReadOnTheHost_andTheBundleBuiltOnTheServerFromWhatItRead() {
    JobSnapshot done = run(request("job-1", ANN), 600);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls).containsExactly("describe", "read " + ANN + " skill:a,skill:b");
    assertThat(t.activities.hostedPatches).containsExactly("job-1:p-skill:a,p-skill:b");
    assertThat(done.result()).containsEntry("download_url", "/api/v1/sync/patches/job-1");
    assertThat(done.artifacts()).extracting(ArtifactResult::artifactId)
        .containsExactly("skill:a", "skill:b");
  }

  @Test
  void serverProject_neverReachesAHost() {
    JobSnapshot done = run(request("job-2", "/home/srv/web"), 600);

    assertThat(done.state()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls).isEmpty();
    assertThat(t.activities.hostedPatches).isEmpty();
  }

  @Test
  void hostWithoutAgent_jobWaitsSayingSo_thenEndsInErrorNamingTheHost() {
    JobSnapshot done = run(request("job-3", "bob:/home/bob/api"), 10);

    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.waitingReason()).isNull();
    assertThat(t.published("job-3", s -> s.waitingReason() != null))
        .extracting(JobSnapshot::waitingReason)
        .first()
        .isEqualTo("waiting for host 'bob': its agent did not answer within 5 s; the job waits up to 10 s for it");
    assertThat(done.log())
        .contains("error: host 'bob' did not pick the job up within 10 s: its agent is offline"
            + " (nothing polled task queue 'tiersync-host-bob')");
    assertThat(done.result()).isEmpty();
    assertThat(t.activities.hostedPatches).isEmpty();
  }

  @Test
  void hostedPatch_replaysDeterministically() throws Exception {
    run(request("job-4", ANN), 600);

    WorkflowReplayer.replayWorkflowExecution(
        t.client.fetchHistory("job-4"), PatchWorkflowImpl.class);
  }

  private JobSnapshot run(JobRequest request, long hostWaitSeconds) {
    PatchWorkflow stub = t.stub(PatchWorkflow.class, request.jobId(), hostWaitSeconds);
    WorkflowClient.start(stub::run, request);
    return WorkflowStub.fromTyped(stub).getResult(JobSnapshot.class);
  }

  private static JobRequest request(String id, String project) {
    return new JobRequest(
        id, JobKind.PATCH, Direction.PROJECT_TO_UPSTREAM, List.of("skill:a", "skill:b"), "default",
        project, MergeStrategy.AUTO, Map.of(), false, "t", null, "tar.gz", List.of());
  }

  // Temporal's test server does not skip time while an activity waits to be picked up, so the
  // offline case waits for real: 5 s of probe and the 10 s host wait.

  /** Ann's agent: answers the probe and reads her project, recording both. */
  private final class Agent implements HostActivities, HostProjectActivities {
    @Override
    public HostDescription describe() {
      hostCalls.add("describe");
      return new HostDescription("ann", "test", List.of("/home/ann/code"));
    }

    @Override
    public HostProjects projects() {
      throw new UnsupportedOperationException("a patch job never lists a host's projects");
    }

    @Override
    public List<ProjectSide> read(JobRequest request) {
      hostCalls.add("read " + request.projectPath() + " " + String.join(",", request.artifactIds()));
      return request.artifactIds().stream()
          .map(id -> new ProjectSide(id, "p-" + id, "d-" + id, null, null, null))
          .toList();
    }

    @Override
    public List<String> artifacts(JobRequest request) {
      throw new UnsupportedOperationException("a patch job names its artifacts");
    }

    @Override
    public ArtifactResult apply(ApplyInput input) {
      throw new UnsupportedOperationException("a patch job writes no project");
    }

    @Override
    public ResolveResult resolve(ResolveInput input) {
      throw new UnsupportedOperationException("a patch job writes no project");
    }

    @Override
    public ArtifactResult undeploy(ApplyInput input) {
      throw new UnsupportedOperationException("a patch job writes no project");
    }

    @Override
    public void recordDeployment(ApplyInput input) {
      throw new UnsupportedOperationException("a patch job writes no project");
    }
  }
}
