package dev.tiersync.workflows.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FetchedArtifact;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.collection.CollectionWorkflow;
import dev.tiersync.workflows.host.HostActivities;
import dev.tiersync.workflows.host.HostDescription;
import dev.tiersync.workflows.host.HostProjectActivities;
import dev.tiersync.workflows.host.HostProjects;
import dev.tiersync.workflows.jobs.JobCalls;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import dev.tiersync.workflows.lock.LockIds;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.resolve.ResolveWorkflow;
import dev.tiersync.workflows.testing.JobTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sync whose project is {@code host:path} on Temporal's test server: the project's half goes to
 * the host's own task queue and nowhere else, the collection's half to the server's; a host with
 * no agent makes the job say it waits, then end in error naming the host, with its locks free.
 */
class HostedSyncWorkflowTest {
  private static final String ANN = "ann:/home/ann/code/web";

  private final List<String> hostCalls = Collections.synchronizedList(new ArrayList<>());
  private final List<String> serverCalls = Collections.synchronizedList(new ArrayList<>());
  private JobTestEnvironment t;

  @BeforeEach
  void setUp() {
    t = new JobTestEnvironment(env -> {
      env.newWorker(TaskQueues.host("ann"))
          .registerActivitiesImplementations(new Agent(), new AgentDescription());
      env.getWorkerFactory().getWorker(TaskQueues.JOBS).registerActivitiesImplementations(new Server());
    });
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void collectionToHostProject_readsAndWritesOnTheHost_plansAndRecordsOnTheServer() {
    JobSnapshot done = run(request("job-1", Direction.COLLECTION_TO_PROJECT, ANN, List.of()), 600);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls)
        .containsExactly("artifacts " + ANN, "read skill:a,skill:b", "apply skill:a", "apply skill:b");
    assertThat(serverCalls)
        .containsExactly(
            "fetchHosted p-skill:a,p-skill:b", "hostDeployed skill:a", "hostDeployed skill:b");
    assertThat(t.activities.applied).as("the server's own apply never ran").isEmpty();
    assertThat(done.artifacts()).extracting(ArtifactResult::outcome)
        .containsExactly(Outcome.UPDATED, Outcome.UPDATED);
  }

  @Test
  void hostProjectToCollection_writesOnTheServer_thenTheHostRecordsTheDeploy() {
    JobSnapshot done =
        run(request("job-2", Direction.PROJECT_TO_COLLECTION, ANN, List.of("skill:a")), 600);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls).containsExactly("read skill:a", "recordDeployment skill:a");
    assertThat(t.activities.appliedIn)
        .as("the server applies to the collection, with no project path of its own")
        .containsExactly("null:skill:a[]");
    assertThat(serverCalls).containsExactly("fetchHosted p-skill:a", "hostDeployed skill:a");
  }

  @Test
  void hostWithoutAgent_jobWaitsSayingSo_thenEndsInErrorNamingTheHost_andFreesItsLock() {
    String bob = "bob:/home/bob/api";
    JobSnapshot done =
        run(request("job-3", Direction.COLLECTION_TO_PROJECT, bob, List.of("skill:a")), 10);

    assertThat(done.state()).isEqualTo(JobState.ERROR);
    assertThat(done.waitingReason()).isNull();
    assertThat(t.published("job-3", s -> s.waitingReason() != null))
        .extracting(JobSnapshot::waitingReason)
        .first()
        .isEqualTo("waiting for host 'bob': its agent did not answer within 5 s; the job waits up to 10 s for it");
    assertThat(done.log())
        .contains("error: host 'bob' did not pick the job up within 10 s: its agent is offline"
            + " (nothing polled task queue 'tiersync-host-bob')");
    assertThat(t.holderId(LockIds.project(bob, "skill:a"))).isNull();
    assertThat(hostCalls).isEmpty();
  }

  @Test
  void resolveInAHostProject_runsOnTheHost_andTheServerKeepsTheCollectionsRecords() {
    JobRequest resolve =
        new JobRequest(
            "job-5", JobKind.RESOLVE, Direction.COLLECTION_TO_PROJECT, List.of("skill:a"), "default",
            ANN, MergeStrategy.THEIRS, Map.of(), false, "t", "job-1", null,
            List.of(JobTestEnvironment.conflictPlan("skill:a")));
    JobSnapshot done = runResolve(resolve);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls).containsExactly("resolve skill:a THEIRS");
    assertThat(serverCalls).containsExactly("hostResolved skill:a UPDATED");
    assertThat(t.activities.resolved).as("the server's own resolve never ran").isEmpty();
  }

  @Test
  void resolveInTheCollection_ofAHostProjectsConflict_movesTheHostsTrackingEntryAfter() {
    JobRequest resolve =
        new JobRequest(
            "job-6", JobKind.RESOLVE, Direction.PROJECT_TO_COLLECTION, List.of("skill:a"), "default",
            ANN, MergeStrategy.OURS, Map.of(), false, "t", "job-1", null,
            List.of(JobTestEnvironment.conflictPlan("skill:a")));
    JobSnapshot done = runResolve(resolve);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(t.activities.resolved).hasSize(1);
    assertThat(hostCalls).containsExactly("recordDeployment skill:a");
    assertThat(serverCalls).hasSize(1).allMatch(c -> c.startsWith("hostResolved skill:a"));
  }

  @Test
  void undeployFromAHostProject_readsAndRemovesOnTheHost_plansOnTheServer() {
    JobRequest undeploy =
        new JobRequest(
            "job-7", JobKind.UNDEPLOY, Direction.COLLECTION_TO_PROJECT, List.of("skill:a"),
            "default", ANN, MergeStrategy.AUTO, Map.of(), false, "t", null, null, List.of());
    CollectionWorkflow stub = t.collection("job-7");
    WorkflowClient.start(stub::run, undeploy);
    JobSnapshot done = WorkflowStub.fromTyped(stub).getResult(JobSnapshot.class);

    assertThat(done.state()).as("%s", done.log()).isEqualTo(JobState.SUCCESS);
    assertThat(hostCalls).containsExactly("read skill:a", "undeploy skill:a");
    assertThat(t.collections.seen).contains("planHostedUndeploy 1");
    assertThat(t.collections.applied).as("the server removed nothing itself").isEmpty();
  }

  @Test
  void hostedSync_replaysDeterministically() throws Exception {
    run(request("job-4", Direction.COLLECTION_TO_PROJECT, ANN, List.of("skill:a")), 600);

    WorkflowReplayer.replayWorkflowExecution(
        t.client.fetchHistory("job-4"), SyncWorkflowImpl.class);
  }

  private JobSnapshot run(JobRequest request, long hostWaitSeconds) {
    SyncWorkflow stub =
        t.client.newWorkflowStub(
            SyncWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.jobId())
                .setTaskQueue(TaskQueues.JOBS)
                .setWorkflowExecutionTimeout(Duration.ofHours(1))
                .setMemo(Map.of(JobCalls.HOST_WAIT_MEMO, hostWaitSeconds))
                .build());
    WorkflowClient.start(stub::run, request);
    return WorkflowStub.fromTyped(stub).getResult(JobSnapshot.class);
  }

  private JobSnapshot runResolve(JobRequest request) {
    ResolveWorkflow stub =
        t.client.newWorkflowStub(
            ResolveWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.jobId())
                .setTaskQueue(TaskQueues.JOBS)
                .setWorkflowExecutionTimeout(Duration.ofHours(1))
                .build());
    WorkflowClient.start(stub::run, request);
    return WorkflowStub.fromTyped(stub).getResult(JobSnapshot.class);
  }

  private static JobRequest request(String id, Direction direction, String project, List<String> ids) {
    return new JobRequest(
        id, JobKind.SYNC, direction, ids, "default", project, MergeStrategy.AUTO, Map.of(), false,
        "t", null, null, List.of());
  }

  // Temporal's test server does not skip time while an activity waits to be picked up, so the
  // offline case waits for real: 5 s of probe and the 10 s host wait.

  /** The host's agent, recording what reached it. */
  private final class Agent implements HostProjectActivities {
    @Override
    public List<String> artifacts(JobRequest request) {
      hostCalls.add("artifacts " + request.projectPath());
      return List.of("skill:b");
    }

    @Override
    public List<ProjectSide> read(JobRequest request) {
      hostCalls.add("read " + String.join(",", request.artifactIds()));
      return request.artifactIds().stream()
          .map(id -> new ProjectSide(id, "p-" + id, null, null, null, null))
          .toList();
    }

    @Override
    public ArtifactResult apply(ApplyInput input) {
      hostCalls.add("apply " + input.plan().artifactId());
      ArtifactPlan p = input.plan();
      return new ArtifactResult(
          p.artifactId(), Outcome.UPDATED, null, 0, 0, 1, p.destinationHash(), p.mergedHash());
    }

    @Override
    public ResolveResult resolve(ResolveInput input) {
      hostCalls.add("resolve " + input.plan().artifactId() + " " + input.request().strategy());
      return new ResolveResult(
          new ArtifactResult(input.plan().artifactId(), Outcome.UPDATED, null, 0, 0, 1, "d", "r"),
          List.of());
    }

    @Override
    public ArtifactResult undeploy(ApplyInput input) {
      hostCalls.add("undeploy " + input.plan().artifactId());
      return new ArtifactResult(
          input.plan().artifactId(), Outcome.REMOVED, null, 0, 1, 0, "d", null);
    }

    @Override
    public void recordDeployment(ApplyInput input) {
      hostCalls.add("recordDeployment " + input.plan().artifactId());
    }
  }

  private static final class AgentDescription implements HostActivities {
    @Override
    public HostDescription describe() {
      return new HostDescription("ann", "test", List.of("/home/ann/code"));
    }

    @Override
    public HostProjects projects() {
      return new HostProjects(List.of(ANN.substring(4)));
    }
  }

  /** The server's half, recording what reached it. */
  private final class Server implements HostedSyncActivities {
    @Override
    public FetchResult fetchHosted(HostedFetchInput input) {
      serverCalls.add(
          "fetchHosted "
              + String.join(",", input.sides().stream().map(ProjectSide::projectHash).toList()));
      return new FetchResult(
          input.sides().stream()
              .map(s -> new FetchedArtifact(
                  s.artifactId(), "c-" + s.artifactId(), s.projectHash(), null, null, null, null,
                  null))
              .toList());
    }

    @Override
    public void hostDeployed(HostDeployed input) {
      serverCalls.add("hostDeployed " + input.plan().artifactId());
    }

    @Override
    public void hostResolved(HostDeployed input) {
      serverCalls.add("hostResolved " + input.plan().artifactId() + " " + input.result().outcome());
    }
  }
}
