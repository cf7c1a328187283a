package dev.tiersync.app.agent;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AgentStartupException} into the one-line start-up failure {@code
 * StartupFailureReporter} prints ({@code tiersync: <message>}) instead of a stack trace.
 */
public class AgentStartupAnalyzer extends AbstractFailureAnalyzer<AgentStartupException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AgentStartupException cause) {
    return new FailureAnalysis(cause.getMessage(), null, cause);
  }
}
