package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobCleanerTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  private JobReader reader;
  private JobCleaner cleaner;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    reader = new JobReader(fixture.store, fixture.views, fixture.endedViews);
    cleaner = new JobCleaner(fixture.store, fixture.endedViews, fixture.clock);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void cleanup_removesJobsThatEndedMoreThanThirtyDaysAgo_only() {
    Instant now = JobServicesFixture.T0.plus(Duration.ofDays(60));
    ended("job-old", now.minus(JobCleaner.RETENTION).minusSeconds(1));
    ended("job-recent", now.minus(JobCleaner.RETENTION).plusSeconds(1));
    fixture.insert(JobServicesFixture.sync("job-running", false), JobStates.RUNNING, "fetch", null);
    fixture.clock.advance(Duration.between(JobServicesFixture.T0, now));

    int removed = cleaner.cleanup();

    assertThat(removed).isEqualTo(1);
    assertThat(fixture.store.find("job-old")).isEmpty();
    assertThat(fixture.store.find("job-recent")).isPresent();
    assertThat(fixture.store.find("job-running")).isPresent();
    assertThat(cleaner.cleanup()).as("nothing left to remove").isZero();
  }

  @Test
  void cleanup_forgetsTheStatusOfRemovedJobs() {
    ended("job-old", JobServicesFixture.T0);
    assertThat(reader.get("job-old")).as("read once, so its ended status is kept in memory").isPresent();
    fixture.clock.advance(JobCleaner.RETENTION.plusDays(1));

    cleaner.cleanup();

    assertThat(reader.get("job-old")).isEmpty();
  }

  private void ended(String jobId, Instant endedAt) {
    JobRecord r = fixture.insert(JobServicesFixture.sync(jobId, false), JobStates.RUNNING, "apply", null);
    fixture.store.update(r.withProgress("success", 100, "done", null, endedAt, true));
  }
}
