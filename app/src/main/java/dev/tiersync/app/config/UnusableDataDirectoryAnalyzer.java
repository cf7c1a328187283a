package dev.tiersync.app.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable {@code TIERSYNC_HOME} into a start-up failure report without a trace. */
public class UnusableDataDirectoryAnalyzer extends AbstractFailureAnalyzer<DataDirectory.UnusableDataDirectoryException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DataDirectory.UnusableDataDirectoryException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Point TIERSYNC_HOME at a folder tiersync may create and write (it holds the job store, the"
            + " API token and caches).",
        cause);
  }
}
