package dev.tiersync.app.jobs;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unreachable PostgreSQL job store into a start-up failure report without a trace. */
public class JobStoreUnavailableAnalyzer extends AbstractFailureAnalyzer<JobStores.JobStoreUnavailableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, JobStores.JobStoreUnavailableException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Check that PostgreSQL runs at SYNC_DB_URL and that SYNC_DB_USER / SYNC_DB_PASSWORD may log in"
            + " and create tables in that database.",
        cause);
  }
}
