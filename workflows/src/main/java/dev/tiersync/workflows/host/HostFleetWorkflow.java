package dev.tiersync.workflows.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tiersync.engine.model.ProjectSide;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Asks one host's agent what its projects hold of a collection's artifacts, for the fleet view
 * (docs/agents.md). Runs on {@link dev.tiersync.workflows.TaskQueues#JOBS} (the server); its
 * activities ({@link HostProjectActivities#read}, one per project, all at once) run on the host's
 * queue. Like {@link HostWorkflow} it never waits for an offline agent: each request may wait
 * {@link Question#answerSeconds} to be picked up and is not retried, so the workflow ends within
 * {@link HostFleetWorkflowImpl#longestRun}.
 */
@WorkflowInterface
public interface HostFleetWorkflow {

  /**
   * Each project's side of each artifact; every project version named is in the server's history
   * store when this answers.
   *
   * <p>Idempotency: reads only (uploads are content-addressed); the caller picks a fresh workflow
   * id per question. Failures: an {@code ApplicationFailure} of type {@link
   * dev.tiersync.workflows.ErrorTypes#HOST_OFFLINE} naming the host and its queue when the agent
   * did not pick a request up, or did not finish it, in time. A project the agent refuses (say,
   * no longer inside its roots) is that project's {@link ProjectRead#error}, not a failure.
   */
  @WorkflowMethod
  List<ProjectRead> read(Question question);

  /**
   * Input of {@link #read}.
   *
   * @param hostId the host to ask
   * @param answerSeconds how long each request may wait for the agent to pick it up
   * @param collection the collection's name
   * @param projects the projects to read, as paths on the host
   * @param artifactIds the collection's artifacts, {@code type:name}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Question(
      String hostId, int answerSeconds, String collection, List<String> projects,
      List<String> artifactIds) {}

  /**
   * One project's answer.
   *
   * @param project its path on the host
   * @param sides one per artifact of the question, in its order; empty when {@code error} is set
   * @param error why the agent could not read it, or null
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ProjectRead(String project, List<ProjectSide> sides, String error) {}
}
