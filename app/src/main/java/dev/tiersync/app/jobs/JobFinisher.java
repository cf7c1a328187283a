package dev.tiersync.app.jobs;

import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.jobs.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Gives a job a final state that its workflow did not publish (it was terminated, or ended while
 * the app was down), keeping what the job had recorded so far and adding one log line.
 */
@Component
class JobFinisher {
  private final JobViews views;
  private final JobEventPublisher publisher;

  JobFinisher(JobViews views, JobEventPublisher publisher) {
    this.views = views;
    this.publisher = publisher;
  }

  void finish(JobRecord r, JobState state, String line) {
    JobSnapshot prev = views.snapshot(r);
    List<String> logLines = new ArrayList<>(prev == null ? List.of() : prev.log());
    logLines.add(line);
    JobSnapshot s =
        new JobSnapshot(
            r.jobId(), state, "done", 100, null,
            prev == null ? List.of() : prev.plans(),
            prev == null ? List.of() : prev.artifacts(),
            prev == null ? List.of() : prev.conflicts(),
            List.of(), logLines, prev == null ? Map.of() : prev.result());
    publisher.publish(s);
  }
}
