package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.status.SyncStatus;

/**
 * Every version of one artifact that tiersync can see, with the status of both edges. Absent
 * versions are null: {@code upstream} is null for an artifact without an upstream, {@code
 * project} and {@code projectBase} when no project was given or it lacks the artifact.
 */
public record ArtifactSnapshot(
    ArtifactId id,
    UpstreamVersion upstream,
    ArtifactTree collection,
    ArtifactTree project,
    ArtifactTree projectBase,
    EdgeStatus upstreamToCollection,
    EdgeStatus collectionToProject) {

  /** The more severe of the two edges' statuses. */
  public SyncStatus overall() {
    return StatusCalculator.overall(upstreamToCollection, collectionToProject);
  }
}
