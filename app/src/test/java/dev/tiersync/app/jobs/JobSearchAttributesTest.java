package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSearchAttributesTest {
  private static JobRequest request(JobKind kind, Direction direction, String project) {
    return new JobRequest(
        "job-1", kind, direction, List.of("skill:a"), "default", project, MergeStrategy.AUTO,
        Map.of(), false, "t", null, null, List.of());
  }

  @Test
  void aSync_isIndexedByKindDirectionArtifactsAndProject() {
    SearchAttributes a =
        JobSearchAttributes.of(request(JobKind.SYNC, Direction.COLLECTION_TO_PROJECT, "/p"));

    assertThat(a.get(JobSearchAttributes.KIND)).isEqualTo("sync");
    assertThat(a.get(JobSearchAttributes.DIRECTION)).isEqualTo("collection_to_project");
    assertThat(a.get(JobSearchAttributes.ARTIFACT_IDS)).containsExactly("skill:a");
    assertThat(a.get(JobSearchAttributes.PROJECT)).isEqualTo("/p");
  }

  @Test
  void aJobAlongNoEdge_hasNoDirection() {
    SearchAttributes a = JobSearchAttributes.of(request(JobKind.REMOVE, null, null));

    assertThat(a.get(JobSearchAttributes.KIND)).isEqualTo("remove");
    assertThat(a.containsKey(JobSearchAttributes.DIRECTION)).isFalse();
    assertThat(a.containsKey(JobSearchAttributes.PROJECT)).isFalse();
  }
}
