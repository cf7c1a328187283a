package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValuesTest {
  private static final String ONE_OF =
      "direction must be one of upstream_to_collection, collection_to_project, project_to_collection";

  @Test
  void syncDirection_readsALabelInAnyCaseWithBlanksAround() {
    assertThat(RequestValues.syncDirection(" Collection_To_Project "))
        .isEqualTo(Direction.COLLECTION_TO_PROJECT);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void syncDirection_missing_isRequired(String value) {
    assertProblem(
        () -> RequestValues.syncDirection(value),
        "direction",
        "direction is required (upstream_to_collection, collection_to_project,"
            + " project_to_collection)");
  }

  @Test
  void syncDirection_unknown_namesTheSyncDirections() {
    assertProblem(() -> RequestValues.syncDirection("sideways"), "direction", ONE_OF);
  }

  @Test
  void syncDirection_patchExport_pointsToThePatchEndpoint() {
    assertProblem(
        () -> RequestValues.syncDirection("project_to_upstream"),
        "direction",
        "project_to_upstream exports a patch: use POST /api/v1/sync/patch");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"sideways", "project_to_upstream"})
  void resolveDirection_anythingButASyncEdge_namesTheSyncDirections(String value) {
    assertProblem(() -> RequestValues.resolveDirection(value), "direction", ONE_OF);
  }

  @Test
  void resolveDirection_readsASyncEdge() {
    assertThat(RequestValues.resolveDirection("upstream_to_collection"))
        .isEqualTo(Direction.UPSTREAM_TO_COLLECTION);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void strategy_missing_isAuto(String value) {
    assertThat(RequestValues.strategy("strategy", value)).isEqualTo(MergeStrategy.AUTO);
  }

  @Test
  void strategy_readsALabelInAnyCase() {
    assertThat(RequestValues.strategy("strategy", "Theirs")).isEqualTo(MergeStrategy.THEIRS);
  }

  @Test
  void strategy_unknown_namesItsField() {
    assertProblem(
        () -> RequestValues.strategy("strategies.skill:a", "mine"),
        "strategies.skill:a",
        "strategies.skill:a must be one of auto, ours, theirs");
  }

  private static void assertProblem(ThrowingCallable call, String field, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
