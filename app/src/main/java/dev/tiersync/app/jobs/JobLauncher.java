package dev.tiersync.app.jobs;

import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobState;
import io.temporal.client.WorkflowClient;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Starts the workflows of newly recorded jobs off the creating request's thread, so that the
 * request answers as soon as its {@code queued} record is written: the job store is the outbox.
 * A start that fails ends the job {@code error} with the reason; a start that never ran (the app
 * stopped first) leaves the record {@code queued}, and {@link JobReconciler} starts it at the next
 * start-up.
 */
@Component
class JobLauncher implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(JobLauncher.class);
  private static final int THREADS = 4;

  private final JobStore store;
  private final WorkflowClient client;
  private final JobWorkflows workflows;
  private final JobFinisher finisher;
  private final ExecutorService owned;
  private final Executor executor;
  private volatile boolean closing;

  /**
   * A few threads: a start mostly waits for the Temporal server, and under a burst of creations one
   * thread would queue them up (the order of starts does not matter).
   */
  @Autowired
  JobLauncher(JobStore store, WorkflowClient client, JobWorkflows workflows, JobFinisher finisher) {
    this(store, client, workflows, finisher, Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "job-start");
      t.setDaemon(true);
      return t;
    }));
  }

  /** For tests: runs the starts on {@code executor} (e.g. {@code Runnable::run}, on the caller). */
  JobLauncher(JobStore store, WorkflowClient client, JobWorkflows workflows, JobFinisher finisher, Executor executor) {
    this.store = store;
    this.client = client;
    this.workflows = workflows;
    this.finisher = finisher;
    this.executor = executor;
    this.owned = executor instanceof ExecutorService s ? s : null;
  }

  /** Starts the workflow of the job {@code record} holds, created from {@code request}, soon. */
  void launch(JobRecord record, JobRequest request) {
    try {
      executor.execute(() -> start(record, request));
    } catch (RejectedExecutionException e) {
      // Shutting down: the record stays queued and the next start-up's reconcile starts it.
      log.info("job {} stays queued: the app is stopping", record.jobId());
    }
  }

  private void start(JobRecord record, JobRequest request) {
    try {
      // A cancel that came before the workflow existed has already ended the job (canceled).
      if (ended(record.jobId())) {
        return;
      }
      if (!workflows.start(request)) {
        log.info("job {} was already started (by the start-up reconcile)", record.jobId());
      } else if (ended(record.jobId())) {
        // ... or came while it was being started: stop the workflow it no longer wants.
        client.newUntypedWorkflowStub(record.jobId()).cancel();
      }
    } catch (RuntimeException e) {
      if (closing) {
        log.info("job {} stays queued: the app stopped while starting it ({})", record.jobId(), e.getMessage());
        return;
      }
      log.error("could not start the workflow of job {}", record.jobId(), e);
      finisher.finish(record, JobState.ERROR, "could not start the job's workflow: " + e.getMessage());
    }
  }

  private boolean ended(String jobId) {
    return store.find(jobId).map(r -> JobStates.terminal(r.state())).orElse(true);
  }

  @Override
  public void destroy() {
    closing = true;
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
