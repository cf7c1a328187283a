package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndedJobViewsTest {

  @Test
  void remembersEndedJobsOnly() {
    EndedJobViews views = new EndedJobViews();

    views.remember(view("job-1", "success"));
    views.remember(view("job-2", "running"));
    views.remember(view("job-3", "queued"));
    views.remember(view("job-4", "canceled"));

    assertThat(views.get("job-1")).hasValueSatisfying(v -> assertThat(v.state()).isEqualTo("success"));
    assertThat(views.get("job-2")).isEmpty();
    assertThat(views.get("job-3")).isEmpty();
    assertThat(views.get("job-4")).isPresent();
  }

  @Test
  void keepsTheMostRecentlyReadUpToItsCapacity_andForgetsAllOnClear() {
    EndedJobViews views = new EndedJobViews();
    for (int i = 0; i < EndedJobViews.CAPACITY; i++) {
      views.remember(view("job-" + i, "error"));
    }
    views.get("job-0");

    views.remember(view("job-new", "conflict"));

    assertThat(views.get("job-0")).as("read recently, kept").isPresent();
    assertThat(views.get("job-1")).as("least recently used, dropped").isEmpty();
    assertThat(views.get("job-new")).isPresent();
    views.clear();
    assertThat(views.get("job-new")).isEmpty();
  }

  private static JobView view(String id, String state) {
    return new JobView(
        id, "sync", "collection_to_project", state, 100, "done", null, null, null, null, null, "t", "/x", null,
        null, List.of(), List.of(), List.of(), List.of(), Map.of());
  }
}
