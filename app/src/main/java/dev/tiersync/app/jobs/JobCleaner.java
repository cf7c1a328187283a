package dev.tiersync.app.jobs;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Removes jobs that ended more than 30 days ago from the job store; runs hourly. */
@Component
class JobCleaner {
  private static final Logger log = LoggerFactory.getLogger(JobCleaner.class);
  static final Duration RETENTION = Duration.ofDays(30);

  private final JobStore store;
  private final EndedJobViews endedViews;
  private final Clock clock;

  JobCleaner(JobStore store, EndedJobViews endedViews, Clock clock) {
    this.store = store;
    this.endedViews = endedViews;
    this.clock = clock;
  }

  /** Removes the old jobs and returns how many. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  int cleanup() {
    int n = store.deleteEndedBefore(clock.instant().minus(RETENTION));
    endedViews.clear();
    if (n > 0) {
      log.info("removed {} job(s) that ended more than {} days ago", n, RETENTION.toDays());
    }
    return n;
  }
}
