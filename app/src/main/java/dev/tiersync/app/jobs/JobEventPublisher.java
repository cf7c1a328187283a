package dev.tiersync.app.jobs;

import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.sync.JobEventActivities;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Receives the snapshots job workflows publish (a local activity at each transition), persists
 * them, and announces state, phase and percentage changes on the SSE stream.
 */
@Component
public class JobEventPublisher implements JobEventActivities {
  private static final Logger log = LoggerFactory.getLogger(JobEventPublisher.class);

  private final JobStore store;
  private final JobViews views;
  private final JobEventStream stream;
  private final LiveProgress live;
  private final Clock clock;
  private final JobMetrics metrics;
  private final AuditLog audit;
  private final ApplicationEventPublisher ended;

  public JobEventPublisher(
      JobStore store,
      JobViews views,
      JobEventStream stream,
      LiveProgress live,
      Clock clock,
      JobMetrics metrics,
      AuditLog audit,
      ApplicationEventPublisher ended) {
    this.store = store;
    this.views = views;
    this.stream = stream;
    this.live = live;
    this.clock = clock;
    this.metrics = metrics;
    this.audit = audit;
    this.ended = ended;
  }

  @Override
  public void publish(JobSnapshot snapshot) {
    JobRecord current = store.find(snapshot.jobId()).orElse(null);
    if (current == null) {
      log.warn("job {} published a transition but is not in the job store", snapshot.jobId());
      return;
    }
    if (JobStates.terminal(current.state())) {
      // A terminal state is final; a late duplicate publish (retry) must not reopen the job.
      return;
    }
    String state = JobViews.lower(snapshot.state().name());
    boolean terminal = JobStates.terminal(state);
    JobRecord next =
        current.withProgress(state, snapshot.pct(), snapshot.phase(), views.write(snapshot), clock.instant(), terminal);
    store.update(next);
    try (var ignored = MDC.putCloseable("job_id", next.jobId());
        var ignored2 = MDC.putCloseable("trace_id", next.traceId())) {
      if (!Objects.equals(current.state(), state) || !Objects.equals(current.phase(), next.phase())) {
        log.info("job {} {} ({}%, phase {})", next.jobId(), state, next.pct(), next.phase());
      }
    }
    if (terminal) {
      live.forget(next.jobId());
      metrics.ended(next);
      audit.record(AuditEntries.of(next, views.request(next), snapshot));
      ended.publishEvent(new JobEnded(next.jobId(), next.kind(), next.state(), next.collection()));
    }
    stream.broadcast(views.view(next), next.jobId());
  }
}
