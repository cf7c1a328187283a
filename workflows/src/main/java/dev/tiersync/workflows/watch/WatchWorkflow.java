package dev.tiersync.workflows.watch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The drift watch of one collection (workflow id {@link #workflowId}): a pass, then a timer, for
 * as long as the collection exists and the watch is on; continued as new every {@link
 * WatchWorkflowImpl#PASSES_PER_RUN} passes so its history stays short. A timer rather than a
 * Temporal Schedule, because the embedded server has no schedules.
 */
@WorkflowInterface
public interface WatchWorkflow {

  /** The workflow id of a collection's watch. */
  static String workflowId(String collection) {
    return "watch:" + collection;
  }

  @WorkflowMethod
  void run(WatchInput input);

  /** Asks for a pass now instead of at the end of the timer. */
  @SignalMethod
  void passNow();

  /** How many passes this run made, and the last one's outcome. */
  @QueryMethod
  WatchStatus status();
}
