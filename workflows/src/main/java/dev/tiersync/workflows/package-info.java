/**
 * Workflow code, activity interfaces and payload records. Nothing here touches the outside world
 * but the Temporal client: the lock activity ({@code lock.LockActivitiesImpl}) signals the lock
 * workflow, and {@code client.WorkflowStatuses} asks the server how a workflow ended.
 *
 * <p>The payloads speak the engine's vocabulary: directions, strategies, plans, results and
 * conflicts are the types of {@code dev.tiersync.engine.model}, the engine's package of plain
 * values, so one type carries each meaning from the request to the disk. Nothing else of the engine
 * is used here ({@code WorkflowsUseEngineModelOnlyTest}).
 *
 * <h2>Determinism rules for workflow implementations</h2>
 *
 * <p>Temporal replays a workflow's history to rebuild its state, so workflow code must make the
 * same decisions every time it runs:
 *
 * <ul>
 *   <li>No IO of any kind (files, sockets, databases, environment): do it in an activity.
 *   <li>No clocks: use {@code Workflow.currentTimeMillis()}; no {@code Thread.sleep}: use {@code
 *       Workflow.sleep} or {@code Workflow.await} with a timeout.
 *   <li>No randomness or UUIDs: use {@code Workflow.randomUUID()} / {@code Workflow.newRandom()}.
 *   <li>No threads, executors or synchronisation: use {@code Async} and {@code Promise}.
 *   <li>No mutable static state; iterate only over ordered collections.
 *   <li>Changing what an existing workflow does needs {@code Workflow.getVersion}.
 * </ul>
 *
 * <p>The build checks these rules ({@code WorkflowDeterminismRulesTest}, ArchUnit) and replays
 * recorded histories of every workflow ({@code *ReplayTest}).
 */
package dev.tiersync.workflows;
