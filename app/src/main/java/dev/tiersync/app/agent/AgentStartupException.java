package dev.tiersync.app.agent;

/** A setting that keeps {@code tiersync agent} from starting; the message says which and why. */
final class AgentStartupException extends RuntimeException {
  AgentStartupException(String message) {
    super(message);
  }
}
