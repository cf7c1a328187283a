package dev.tiersync.app.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Job metrics for Prometheus: queue depth (jobs queued or running), job duration by direction and
 * outcome, and counts of jobs by final state.
 */
@Component
public class JobMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();

  public JobMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("tiersync_jobs_queue_depth", active);
  }

  void started() {
    active.incrementAndGet();
  }

  void ended(JobRecord r) {
    active.updateAndGet(n -> Math.max(0, n - 1));
    Counter.builder("tiersync_jobs_completed")
        .description("Jobs that reached a terminal state")
        .tag("kind", String.valueOf(r.kind()))
        .tag("direction", String.valueOf(r.direction()))
        .tag("state", r.state())
        .register(registry)
        .increment();
    if (r.startedAt() != null && r.endedAt() != null) {
      Timer.builder("tiersync_job_duration")
          .description("Job duration from first running to terminal state")
          .tag("direction", String.valueOf(r.direction()))
          .tag("outcome", r.state())
          .register(registry)
          .record(Duration.between(r.startedAt(), r.endedAt()));
    }
  }

  /** Sets the gauge from the store at start (jobs that survived a restart). */
  void reset(int activeJobs) {
    active.set(activeJobs);
  }
}
