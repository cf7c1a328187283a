package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks the body of the rollback route and turns it into its canonical job request (docs/api.md,
 * "Rollback"): a request that cannot succeed is refused without a job.
 */
@Component
class RollbackRequests {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final ArtifactReader reader;
  private final ArtifactTimeline timeline;
  private final TierReader tiers;

  RollbackRequests(ArtifactReader reader, ArtifactTimeline timeline, SyncEngine engine) {
    this.reader = reader;
    this.timeline = timeline;
    this.tiers = engine.reader();
  }

  /**
   * @throws ApiException 400 naming {@code id}, {@code tier}, {@code to_hash}, {@code
   *     project_path} or {@code hold}; 404 naming {@code id} when the tier neither holds nor tracks
   *     the artifact, naming {@code to_hash} when it is no version of the artifact's timeline
   * @throws InvalidTierFileException (409) when an entry of the artifact in a tier file breaks a
   *     rule
   */
  JobRequest validate(String rawId, RollbackRequest body) throws IOException {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    ArtifactId id = ArtifactReader.artifactId(rawId);
    Tier tier = tier(body.tier());
    String toHash = body.toHash();
    if (toHash == null || !HASH.matcher(toHash).matches()) {
      throw ApiException.badRequest(
          "to_hash", "to_hash must be a content hash: 64 lower-case hex digits");
    }
    String projectPath = body.projectPath();
    if (tier == Tier.PROJECT && (projectPath == null || projectPath.isBlank())) {
      throw ApiException.badRequest("project_path", "project_path is required for tier project");
    }
    if (projectPath != null && ProjectAddress.hostOf(projectPath) != null) {
      throw ApiException.badRequest(
          "project_path",
          "project_path '" + projectPath + "' is a project on a host: rollback of a project on a"
              + " host is not built yet; only projects on the server can be rolled back");
    }
    boolean hold = body.hold() == null ? tier == Tier.COLLECTION : body.hold();
    if (hold && tier == Tier.PROJECT) {
      throw ApiException.badRequest(
          "hold", "hold applies to a rollback of the collection only (the drift watch updates"
              + " collections, not projects)");
    }
    TierScope scope = reader.scope(body.collection(), projectPath);
    List<InvalidEntry> invalid = tiers.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      throw InvalidTierFileException.of(invalid.get(0));
    }
    if (!present(scope, tier, id)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "id",
          id + " is not in the " + tier.label() + " ("
              + (tier == Tier.PROJECT ? scope.project().projectDir() : scope.collection().name())
              + ")");
    }
    if (!known(id, scope, toHash)) {
      throw new ApiException(
          HttpStatus.NOT_FOUND, "to_hash",
          "to_hash " + toHash + " is no version of " + id + " in its history");
    }
    return new JobRequest(
        null, JobKind.ROLLBACK,
        tier == Tier.PROJECT ? Direction.COLLECTION_TO_PROJECT : Direction.UPSTREAM_TO_COLLECTION,
        List.of(id.toString()), scope.collection().name(),
        tier == Tier.PROJECT ? scope.project().projectDir().toString() : null, MergeStrategy.AUTO,
        Map.of(), body.dryRun() == null || body.dryRun(), null, null, null, List.of(),
        List.of(CollectionChange.rollback(id.toString(), toHash, hold)), false, null);
  }

  private static Tier tier(String raw) {
    if (Tier.UPSTREAM.label().equals(raw)) {
      throw ApiException.badRequest(
          "tier",
          "tier upstream cannot be rolled back: tiersync never writes the upstream; pin the"
              + " artifact to an older upstream commit to follow it instead");
    }
    if (Tier.COLLECTION.label().equals(raw)) {
      return Tier.COLLECTION;
    }
    if (Tier.PROJECT.label().equals(raw)) {
      return Tier.PROJECT;
    }
    throw ApiException.badRequest(
        "tier", "tier must be collection or project" + (raw == null ? "" : ", got '" + raw + "'"));
  }

  private boolean present(TierScope scope, Tier tier, ArtifactId id) throws IOException {
    return tier == Tier.PROJECT
        ? tiers.project(scope, id) != null || tiers.deployed(scope, id).isPresent()
        : tiers.collection(scope, id) != null || tiers.manifestEntry(scope, id).isPresent();
  }

  /** Whether {@code hash} is a version of any tier in the artifact's timeline. */
  private boolean known(ArtifactId id, TierScope scope, String hash) throws IOException {
    ArtifactHistory h =
        timeline.history(
            id.toString(), scope.collection().name(),
            scope.hasProject() ? scope.project().projectDir().toString() : null);
    return Stream.of(h.upstream(), h.collection(), h.project())
        .flatMap(List::stream)
        .anyMatch(e -> Objects.equals(hash, e.hash()));
  }
}
