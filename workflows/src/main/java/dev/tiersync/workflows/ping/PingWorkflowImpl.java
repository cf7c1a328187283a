package dev.tiersync.workflows.ping;

/** Implementation of {@link PingWorkflow}; deterministic by construction (no IO, no clock). */
public class PingWorkflowImpl implements PingWorkflow {

  @Override
  public Pong ping(Ping request) {
    return new Pong("pong: " + request.message());
  }
}
