package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.app.audit.AuditEntry;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log's entry of a job, written when the job's terminal state is published. */
class AuditEntriesTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void terminalPublish_appendsOneEntryWithWhoWhatAndTheHashes() {
    JobRequest request = JobServicesFixture.sync("job-1", false);
    fixture.insert(request, JobStates.RUNNING, "apply", null);
    fixture.clock.advance(Duration.ofMinutes(2));
    ArtifactResult pdf = new ArtifactResult("skill:a", Outcome.UPDATED, null, 0, 0, 1, "before", "after");

    fixture.publisher.publish(snapshot(JobState.RUNNING, List.of()));
    assertThat(fixture.audit.read(null, 10, 0)).as("nothing before the job ends").isEmpty();
    fixture.publisher.publish(snapshot(JobState.SUCCESS, List.of(pdf)));
    fixture.publisher.publish(snapshot(JobState.SUCCESS, List.of(pdf)));

    assertThat(fixture.audit.read(null, 10, 0))
        .singleElement()
        .isEqualTo(
            new AuditEntry(
                "job-1", "sync", "alice", JobServicesFixture.T0, JobServicesFixture.T0.plus(Duration.ofMinutes(2)),
                "upstream_to_collection", "auto", false, "default", null, "success", "trace-job-1",
                List.of(new AuditEntry.Change("skill:a", "collection", "updated", "before", "after"))));
  }

  @Test
  void jobsAlongNoEdge_areAuditedInTheTierTheyChange() {
    JobRequest remove =
        new JobRequest(
            "job-1", JobKind.REMOVE, null, List.of("skill:a"), "default", null, MergeStrategy.AUTO,
            Map.of(), false, "trace-job-1", null, null, List.of());
    fixture.insert(remove, JobStates.RUNNING, "apply", null);
    ArtifactResult removed = new ArtifactResult("skill:a", Outcome.REMOVED, null, 0, 1, 0, "before", null);

    fixture.publisher.publish(snapshot(JobState.SUCCESS, List.of(removed)));

    AuditEntry entry = fixture.audit.read(null, 10, 0).get(0);
    assertThat(entry.kind()).isEqualTo("remove");
    assertThat(entry.direction()).isNull();
    assertThat(entry.changes())
        .containsExactly(new AuditEntry.Change("skill:a", "collection", "removed", "before", null));
  }

  private static JobSnapshot snapshot(JobState state, List<ArtifactResult> artifacts) {
    return new JobSnapshot(
        "job-1", state, "done", 100, null, List.of(), artifacts, List.of(), List.of(), List.of(), Map.of());
  }
}
