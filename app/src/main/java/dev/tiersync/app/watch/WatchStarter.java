package dev.tiersync.app.watch;

import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.JobEnded;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.watch.WatchInput;
import dev.tiersync.workflows.watch.WatchWorkflow;
import dev.tiersync.workflows.watch.WebhookWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure every collection has its watch: at start (on the embedded server nothing survived
 * the restart; on a cluster the running watches are found and left alone), and when a job creates
 * a collection. Also starts again the webhook deliveries a restart left unmade. With the watch off,
 * asks each running watch for a pass, at which it ends.
 */
@Component
class WatchStarter {
  private static final Logger log = LoggerFactory.getLogger(WatchStarter.class);

  private final WorkflowClient client;
  private final CollectionsRoot collections;
  private final WatchProperties properties;
  private final WatchFiles files;

  WatchStarter(
      WorkflowClient client,
      TiersyncProperties tiersync,
      WatchProperties properties,
      WatchFiles files) {
    this.client = client;
    this.collections = new CollectionsRoot(tiersync.collections());
    this.properties = properties;
    this.files = files;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startAll() {
    List<String> names;
    try {
      names = collections.names();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the collections in " + collections, e);
    }
    for (String name : names) {
      if (properties.enabled()) {
        ensure(name);
      } else {
        stop(name);
      }
    }
    for (String delivery : files.undelivered()) {
      redeliver(delivery);
    }
    log.info(
        properties.enabled()
            ? "drift watch: {} collection(s), a pass every {}"
            : "drift watch off (SYNC_WATCH_INTERVAL=0); {} collection(s) not watched",
        names.size(), properties.interval());
  }

  @EventListener
  void jobEnded(JobEnded job) {
    if (properties.enabled()
        && JobKind.CREATE_COLLECTION.label().equals(job.kind())
        && "success".equals(job.state())
        && job.collection() != null) {
      ensure(job.collection());
    }
  }

  /** Starts the collection's watch unless it runs; returns whether it was started now. */
  boolean ensure(String collection) {
    WatchWorkflow watch =
        client.newWorkflowStub(
            WatchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WatchWorkflow.workflowId(collection))
                .setTaskQueue(TaskQueues.JOBS)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(watch::run, new WatchInput(collection, 0));
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  /** Asks a running watch for a pass now; false when the collection has none running. */
  boolean passNow(String collection) {
    try {
      client.newWorkflowStub(WatchWorkflow.class, WatchWorkflow.workflowId(collection)).passNow();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return false;
      }
      throw e;
    }
  }

  private void stop(String collection) {
    // The pass sees the watch is off and ends it.
    passNow(collection);
  }

  private void redeliver(String deliveryId) {
    WebhookWorkflow delivery =
        client.newWorkflowStub(
            WebhookWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WebhookWorkflow.workflowId(deliveryId))
                .setTaskQueue(TaskQueues.JOBS)
                .build());
    try {
      WorkflowClient.start(delivery::deliver, deliveryId);
    } catch (WorkflowExecutionAlreadyStarted running) {
      // Its workflow survived (a cluster): it goes on by itself.
    }
  }
}
