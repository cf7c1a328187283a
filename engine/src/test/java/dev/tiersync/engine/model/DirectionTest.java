package dev.tiersync.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {
  @Test
  void everyEdgeButUpstreamToCollection_needsAProject() {
    assertThat(Direction.values())
        .filteredOn(Direction::needsProject)
        .containsExactly(
            Direction.COLLECTION_TO_PROJECT,
            Direction.PROJECT_TO_COLLECTION,
            Direction.PROJECT_TO_UPSTREAM);
  }

  @Test
  void onlyProjectToUpstream_exportsAPatch() {
    assertThat(Direction.values())
        .filteredOn(Direction::exportsPatch)
        .containsExactly(Direction.PROJECT_TO_UPSTREAM);
  }

  @Test
  void edges_runFromTheirSourceToTheirDestinationTier() {
    assertThat(Direction.PROJECT_TO_COLLECTION.source()).isEqualTo(Tier.PROJECT);
    assertThat(Direction.PROJECT_TO_COLLECTION.destination()).isEqualTo(Tier.COLLECTION);
    assertThat(Direction.PROJECT_TO_UPSTREAM.destination()).isEqualTo(Tier.UPSTREAM);
  }

  @Test
  void fromLabel_readsEveryLabel_andNothingElse() {
    for (Direction d : Direction.values()) {
      assertThat(Direction.fromLabel(d.label())).contains(d);
    }
    assertThat(Direction.fromLabel(" Upstream_To_Collection\n"))
        .contains(Direction.UPSTREAM_TO_COLLECTION);
    assertThat(Direction.fromLabel("upstream")).isEmpty();
    assertThat(Direction.fromLabel(null)).isEmpty();
  }
}
