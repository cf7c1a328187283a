package dev.tiersync.activities;

import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.client.ActivityCompletionException;
import org.slf4j.MDC;

/**
 * Puts the job's {@code job_id} and {@code trace_id} into the logging context for the duration of
 * an activity, so every log line it writes (plain or structured JSON) is keyed by both; {@link
 * #call} and {@link #run} also turn what the work throws into the activity's failure.
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

  /** An activity's work, which may throw whatever the engine throws. */
  @FunctionalInterface
  public interface Work<T> {
    T call() throws Exception;
  }

  /** An activity's work without a result. */
  @FunctionalInterface
  public interface VoidWork {
    void run() throws Exception;
  }

  /**
   * Does an activity's work for the job of {@code request} in its logging context: Temporal's own
   * end of the activity (a cancel, a lost heartbeat) passes as it is; anything else thrown becomes
   * the activity's failure ({@link ActivityErrors#wrap}).
   */
  public static <T> T call(JobRequest request, Work<T> work) {
    try (JobLogContext ignored = of(request)) {
      return work.call();
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      throw ActivityErrors.wrap(e);
    }
  }

  /** {@link #call} for work without a result. */
  public static void run(JobRequest request, VoidWork work) {
    call(request, () -> {
      work.run();
      return null;
    });
  }

  @Override
  public void close() {
    jobId.close();
    traceId.close();
  }
}
