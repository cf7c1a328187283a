package dev.tiersync.activities;

import dev.tiersync.workflows.jobs.JobRequest;
import org.slf4j.MDC;

/**
 * Puts the job's {@code job_id} and {@code trace_id} into the logging context for the duration of
 * an activity, so every log line it writes (plain or structured JSON) is keyed by both.
 */
public final class JobLogContext implements AutoCloseable {
  private final MDC.MDCCloseable jobId;
  private final MDC.MDCCloseable traceId;

  private JobLogContext(JobRequest request) {
    this.jobId = MDC.putCloseable("job_id", request.jobId());
    this.traceId = MDC.putCloseable("trace_id", request.traceId());
  }

  public static JobLogContext of(JobRequest request) {
    return new JobLogContext(request);
  }

  @Override
  public void close() {
    jobId.close();
    traceId.close();
  }
}
