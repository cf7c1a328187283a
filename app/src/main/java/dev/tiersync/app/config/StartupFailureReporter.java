package dev.tiersync.app.config;

import java.io.PrintStream;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a start-up failure that a failure analyzer explained as a short message on standard
 * error, {@code tiersync: <what is wrong>}, instead of Spring Boot's logged "APPLICATION FAILED TO
 * START" block (its reporter is switched off in {@code application.yml}). An unusable {@code
 * TIERSYNC_HOME} is one line; analyses from Spring Boot's own analyzers (a port in use, ...) add
 * their suggested action. Failures nobody explained are still logged with their trace.
 */
public class StartupFailureReporter implements FailureAnalysisReporter {
  private final PrintStream err;

  public StartupFailureReporter() {
    this(System.err);
  }

  StartupFailureReporter(PrintStream err) {
    this.err = err;
  }

  @Override
  public void report(FailureAnalysis analysis) {
    String line = "tiersync: " + analysis.getDescription().strip();
    if (!(analysis.getCause() instanceof DataDirectory.UnusableDataDirectoryException)
        && analysis.getAction() != null
        && !analysis.getAction().isBlank()) {
      line += System.lineSeparator() + "tiersync: " + analysis.getAction().strip();
    }
    err.println(line);
    err.flush();
  }
}
