package dev.tiersync.workflows.host;

import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.resolve.ResolveInput;
import dev.tiersync.workflows.sync.ApplyInput;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * The project's half of a sync whose project is on a host ({@code host:path}, docs/agents.md).
 * Implemented by that host's agent and registered only on its own task queue ({@link
 * dev.tiersync.workflows.TaskQueues#host}); the server never registers these, so a misrouted call
 * fails rather than touching the server's disk. Every method checks the request's path against
 * the agent's own project roots first ({@code Validation}, not retried, naming the host).
 * Versions travel by content hash through the server's object API, never in these payloads.
 */
@ActivityInterface(namePrefix = "HostProject")
public interface HostProjectActivities {

  /**
   * The artifacts the project holds or has deployed, for a job that names none.
   *
   * <p>Idempotency: reads only.
   */
  List<String> artifacts(JobRequest request);

  /**
   * Each artifact of the request as the project holds it ({@link ProjectSide}); every project
   * version it names has been handed to the server's history store before this answers.
   *
   * <p>Idempotency: reads the project; uploads are content-addressed. Heartbeats per artifact.
   * Failures: {@code TransientIo} when the server cannot be reached (retried once).
   */
  List<ProjectSide> read(JobRequest request);

  /**
   * Writes a collection→project plan into the project atomically with its tracking entry,
   * fetching the planned version from the server first. Idempotent as the server's apply is: a
   * project that already holds the planned version only gets its tracking entry brought up to
   * date; one changed since the plan is left alone and reported skipped.
   */
  ArtifactResult apply(ApplyInput input);

  /**
   * Resolves a collection→project conflict in the project (the sync's plan names the stored
   * versions, fetched from the server first), as the server's resolve does for its own projects.
   */
  ResolveResult resolve(ResolveInput input);

  /**
   * Applies an undeploy plan in the project: removes the copy and its tracking entries if the copy
   * is still the planned one (else skipped). Idempotent.
   */
  ArtifactResult undeploy(ApplyInput input);

  /**
   * After the server wrote a project→collection plan into the collection: moves the project's
   * tracking entry to the version it gave. Idempotent (an upsert of the same entry).
   */
  void recordDeployment(ApplyInput input);
}
