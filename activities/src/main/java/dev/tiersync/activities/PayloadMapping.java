package dev.tiersync.activities;

import dev.tiersync.engine.merge.FileConflict;
import dev.tiersync.engine.merge.MergeStrategy;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.sync.FetchedVersions;
import dev.tiersync.engine.sync.SyncDirection;
import dev.tiersync.engine.sync.SyncPlan;
import dev.tiersync.workflows.jobs.ArtifactPlan;
import dev.tiersync.workflows.jobs.ConflictFile;
import dev.tiersync.workflows.jobs.Direction;
import dev.tiersync.workflows.jobs.Strategy;
import dev.tiersync.workflows.sync.FetchedArtifact;
import java.util.List;

/** Converts between the engine's types and the workflow payloads. */
final class PayloadMapping {
  private PayloadMapping() {}

  static SyncDirection direction(Direction d) {
    return switch (d) {
      case UPSTREAM_TO_COLLECTION -> SyncDirection.UPSTREAM_TO_COLLECTION;
      case COLLECTION_TO_PROJECT -> SyncDirection.COLLECTION_TO_PROJECT;
      case PROJECT_TO_COLLECTION -> SyncDirection.PROJECT_TO_COLLECTION;
      case PROJECT_TO_UPSTREAM ->
          throw new IllegalArgumentException("project_to_upstream exports a patch; use POST /api/v1/sync/patch");
    };
  }

  static MergeStrategy strategy(Strategy s) {
    return switch (s) {
      case AUTO -> MergeStrategy.AUTO;
      case OURS -> MergeStrategy.OURS;
      case THEIRS -> MergeStrategy.THEIRS;
    };
  }

  static FetchedArtifact fetched(FetchedVersions f) {
    return new FetchedArtifact(
        f.artifactId().toString(), f.sourceHash(), f.destinationHash(), f.baseHash(),
        f.upstreamSha(), f.upstreamRef(), f.skipReason());
  }

  static FetchedVersions fetched(FetchedArtifact f, SyncDirection d) {
    return new FetchedVersions(
        ArtifactId.parse(f.artifactId()), d, f.sourceHash(), f.destinationHash(), f.baseHash(),
        f.upstreamSha(), f.upstreamRef(), f.skipReason());
  }

  static ArtifactPlan plan(SyncPlan p, Strategy strategy) {
    return new ArtifactPlan(
        p.artifactId().toString(), p.action().label(), p.reason(), strategy, p.sourceHash(),
        p.destinationHash(), p.baseHash(), p.mergedHash(), p.filesAdded(), p.filesRemoved(),
        p.filesModified(), conflicts(p.artifactId(), p.conflicts()), p.upstreamSha(), p.upstreamRef());
  }

  static SyncPlan plan(ArtifactPlan p, SyncDirection d) {
    ArtifactId id = ArtifactId.parse(p.artifactId());
    return new SyncPlan(
        id, d, strategy(p.strategy()), SyncPlan.Action.valueOf(p.action().toUpperCase(java.util.Locale.ROOT)),
        p.reason(), p.sourceHash(), p.destinationHash(), p.baseHash(), p.mergedHash(),
        p.filesAdded(), p.filesRemoved(), p.filesModified(),
        p.conflicts().stream()
            .map(c -> new FileConflict(c.path(), FileConflict.Kind.valueOf(c.kind().toUpperCase(java.util.Locale.ROOT)), null, null, null))
            .toList(),
        p.upstreamSha(), p.upstreamRef());
  }

  private static List<ConflictFile> conflicts(ArtifactId id, List<FileConflict> in) {
    return in.stream().map(c -> new ConflictFile(id.toString(), c.path(), c.kind().label())).toList();
  }
}
