package dev.tiersync.workflows.host;

import dev.tiersync.engine.model.Direction;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Implementation of {@link HostFleetWorkflow}; deterministic (activities only, no clock, no IO). */
public class HostFleetWorkflowImpl implements HostFleetWorkflow {

  /**
   * The longest an agent may take to read one project once it has picked the request up: it
   * reads and uploads each artifact's version (heartbeating per artifact).
   */
  static final Duration READ_WORK = Duration.ofMinutes(2);

  /** A read that stops heartbeating for this long is treated as unanswered. */
  static final Duration HEARTBEAT = Duration.ofSeconds(30);

  /** The longest {@link #read} can run for {@code question}: its reads run side by side. */
  public static Duration longestRun(Question question) {
    return Duration.ofSeconds(question.answerSeconds()).plus(READ_WORK);
  }

  @Override
  public List<ProjectRead> read(Question question) {
    String queue = TaskQueues.host(question.hostId());
    HostProjectActivities host =
        Workflow.newActivityStub(
            HostProjectActivities.class,
            HostWorkflowImpl.onHost(queue, question.answerSeconds(), READ_WORK)
                .setHeartbeatTimeout(HEARTBEAT)
                .build());
    List<Promise<List<dev.tiersync.engine.model.ProjectSide>>> reads = new ArrayList<>();
    for (String project : question.projects()) {
      JobRequest request =
          new JobRequest(
              "fleet-" + Workflow.getInfo().getWorkflowId(), JobKind.SYNC,
              Direction.COLLECTION_TO_PROJECT, question.artifactIds(), question.collection(),
              question.hostId() + ":" + project, null, null, true, null, null, null, null);
      reads.add(Async.function(host::read, request));
    }
    List<ProjectRead> out = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      String project = question.projects().get(i);
      try {
        out.add(new ProjectRead(project, reads.get(i).get(), null));
      } catch (ActivityFailure e) {
        if (e.getCause() instanceof TimeoutFailure timeout) {
          throw ApplicationFailure.newNonRetryableFailure(
              HostWorkflowImpl.offline(question.hostId(), question.answerSeconds(), queue,
                  timeout.getTimeoutType(), READ_WORK),
              ErrorTypes.HOST_OFFLINE);
        }
        out.add(new ProjectRead(project, List.of(), message(e)));
      }
    }
    return out;
  }

  private static String message(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure app ? app.getOriginalMessage() : e.getMessage();
  }
}
