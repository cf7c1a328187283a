package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.Tier;
import java.nio.file.Path;

/** What the sync edges have in common: which directions sync, where they write, marker labels. */
final class SyncEdges {
  private SyncEdges() {}

  /** Syncs, resolves and their bookkeeping run along the three sync edges only. */
  static void requireSync(Direction direction) {
    if (direction.exportsPatch()) {
      throw new IllegalArgumentException(
          direction.label() + " exports a patch; it cannot be synced");
    }
  }

  static Path destinationPath(TierScope scope, Direction direction, ArtifactId id) {
    return destinationPath(scope, direction.destination(), id);
  }

  /**
   * A version as the artifact's type is written: a single file or a folder, whatever shape the
   * version was stored in (null stays null).
   */
  static ArtifactTree shaped(ArtifactTree tree, ArtifactId id) {
    if (tree == null || id.type().shape() == ArtifactType.Shape.FILE_OR_FOLDER) {
      return tree;
    }
    return tree.withShape(id.type().shape() == ArtifactType.Shape.FILE);
  }

  static Path destinationPath(TierScope scope, Tier tier, ArtifactId id) {
    return tier == Tier.PROJECT ? scope.project().artifactPath(id) : scope.collection().artifactPath(id);
  }

  /** Conflict markers name the tiers: ours is the destination, theirs the source. */
  static TextMerge.Labels labels(Direction d) {
    return new TextMerge.Labels(d.destination().label(), "base", d.source().label());
  }
}
