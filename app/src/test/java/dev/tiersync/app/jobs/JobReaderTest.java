package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobReaderTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  private JobReader reader;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    reader = new JobReader(fixture.store, fixture.views, fixture.endedViews);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void get_runningJob_isReadFromTheStoreEachTime() {
    JobRecord r = fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.QUEUED, "queued", null);
    assertThat(reader.get("job-1").orElseThrow().state()).isEqualTo("queued");

    fixture.store.update(r.withProgress(JobStates.RUNNING, 40, "fetch", null, fixture.clock.instant(), false));

    assertThat(reader.get("job-1").orElseThrow().state()).isEqualTo("running");
    assertThat(reader.get("job-nope")).isEmpty();
  }

  @Test
  void get_endedJob_isAnsweredFromMemoryOnceRead() {
    JobRecord r = fixture.insert(JobServicesFixture.sync("job-1", false), JobStates.RUNNING, "apply", null);
    fixture.store.update(r.withProgress("success", 100, "done", null, fixture.clock.instant(), true));
    JobView first = reader.get("job-1").orElseThrow();
    // Changing the stored record shows where the next answer comes from.
    fixture.store.update(r.withProgress("error", 100, "done", null, fixture.clock.instant(), true));

    assertThat(reader.get("job-1")).contains(first);
  }

  @Test
  void list_pagesNewestFirst_withTheTotal() {
    for (int i = 0; i < 3; i++) {
      fixture.insert(JobServicesFixture.sync("job-" + i, false), JobStates.QUEUED, "queued", null);
      fixture.clock.advance(Duration.ofMinutes(1));
    }

    JobReader.Page page = reader.list(new JobQuery(null, null, null, 2, 1));

    assertThat(page.items()).extracting(JobView::jobId).containsExactly("job-1", "job-0");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.limit()).isEqualTo(2);
    assertThat(page.offset()).isEqualTo(1);
  }
}
