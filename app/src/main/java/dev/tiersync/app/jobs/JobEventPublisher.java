package dev.tiersync.app.jobs;

import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.workflows.jobs.JobSnapshot;
import dev.tiersync.workflows.sync.JobEventActivities;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  /**
   * The state and phase last logged per running job, so that a transition that changes neither
   * (only the percentage) adds no log line; the store is not read back to compare.
   */
  private final Map<String, String> lastStages = new ConcurrentHashMap<>();

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
    String jobId = snapshot.jobId();
    String state = JobViews.lower(snapshot.state().name());
    JobRecord next =
        store.progress(jobId, new JobRecord.Progress(state, snapshot.pct(), snapshot.phase(), views.write(snapshot), clock.instant()))
            .orElse(null);
    if (next == null) {
      // Rare: a late duplicate publish (retry) after the job ended, which must not reopen it, or a
      // job missing from the store.
      if (store.find(jobId).isEmpty()) {
        log.warn("job {} published a transition but is not in the job store", jobId);
      }
      return;
    }
    String stage = state + " " + next.phase();
    boolean terminal = JobStates.terminal(state);
    if (!stage.equals(terminal ? lastStages.remove(jobId) : lastStages.put(jobId, stage))) {
      try (var ignored = MDC.putCloseable("job_id", jobId);
          var ignored2 = MDC.putCloseable("trace_id", next.traceId())) {
        log.info("job {} {} ({}%, phase {})", jobId, state, next.pct(), next.phase());
      }
    }
    if (terminal) {
      live.forget(jobId);
      metrics.ended(next);
      audit.record(AuditEntries.of(next, views.request(next), snapshot));
      ended.publishEvent(new JobEnded(next.jobId(), next.kind(), next.state(), next.collection()));
    }
    stream.broadcast(views.view(next, snapshot), jobId);
  }
}
