package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.merge.ArtifactMergeResult;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.RolledBack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolling the collection's or a project's copy of an artifact back to an earlier version from the
 * history store. The version is written whole, as a sync writes its result ({@link
 * AtomicArtifactWriter}: a folder is replaced, the files it lacks go), and the tier's records as
 * after a write that came from neither its source nor its base ({@link TierRecords#afterRollback}):
 * the edge's merge base does not move, so the next sync into the tier three-way merges and keeps
 * the rollback where the source did not change the same lines. The lineage of the tier records the
 * version with a note {@code rolled back from <before> to <after>}, and the tier's sidecar the
 * rollback itself ({@link RolledBack}).
 */
public final class ArtifactRollbacks {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final TierReader reader;
  private final HistoryStore history;
  private final AtomicArtifactWriter writer;
  private final TierRecords records;
  private final Clock clock;

  ArtifactRollbacks(
      TierReader reader,
      HistoryStore history,
      AtomicArtifactWriter writer,
      TierRecords records,
      Clock clock) {
    this.reader = reader;
    this.history = history;
    this.writer = writer;
    this.records = records;
    this.clock = clock;
  }

  /**
   * What rolling the artifact's copy in {@code tier} back to the version {@code toHash} would write,
   * writing nothing to any tier: an update (a create when the copy is gone but still tracked) from
   * the current version to {@code toHash}, or {@code none} when the tier holds it already. A failed
   * plan when an entry of the artifact in a tier file breaks a rule, the tier neither holds nor
   * tracks it, or the history store lacks the version.
   */
  public ArtifactPlan plan(TierScope scope, Tier tier, ArtifactId id, String toHash)
      throws IOException {
    String artifact = id.toString();
    List<InvalidEntry> invalid = reader.invalidEntries(scope, id);
    if (!invalid.isEmpty()) {
      return ArtifactPlan.failed(artifact, invalid.get(0).message(), MergeStrategy.AUTO);
    }
    ArtifactTree current = current(scope, tier, id);
    if (current == null && !tracked(scope, tier, id)) {
      return ArtifactPlan.failed(
          artifact, id + " is not in the " + tier.label(), MergeStrategy.AUTO);
    }
    String before = current == null ? null : history.put(current);
    Optional<ArtifactTree> target = history.get(toHash);
    if (target.isEmpty()) {
      return ArtifactPlan.failed(
          artifact, "version " + toHash + " is not in the history store", MergeStrategy.AUTO);
    }
    if (toHash.equals(before)) {
      return new ArtifactPlan(
          artifact, PlanAction.NONE, "unchanged: the " + tier.label() + " holds " + short7(toHash),
          MergeStrategy.AUTO, toHash, before, null, null, null, null, null, null, null, null);
    }
    ArtifactMergeResult files = ArtifactMergeResult.of(current, target.get(), List.of());
    return new ArtifactPlan(
        artifact, current == null ? PlanAction.CREATE : PlanAction.UPDATE,
        "rolls the " + tier.label() + " back from " + short7(before) + " to " + short7(toHash),
        MergeStrategy.AUTO, toHash, before, null, toHash, files.filesAdded(), files.filesRemoved(),
        files.filesModified(), null, null, null);
  }

  /**
   * Writes the planned version into the tier, with its records, lineage and rollback record.
   * Idempotent: a tier that already holds the planned version only gets its records again; one
   * that changed since the plan is left alone and reported as skipped.
   *
   * @param jobId the rollback job, for its record
   */
  public ArtifactResult apply(TierScope scope, Tier tier, ArtifactPlan plan, String jobId)
      throws IOException {
    if (plan.failed()) {
      return ArtifactResult.error(plan.artifactId(), plan.reason(), plan.destinationHash());
    }
    String planned = plan.destinationHash();
    if (!plan.writes()) {
      return ArtifactResult.ofPlan(plan, Outcome.UNCHANGED, plan.reason(), planned, planned);
    }
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    Path target = SyncEdges.destinationPath(scope, tier, id);
    ArtifactTree current = reader.readDisk(target);
    String currentHash = current == null ? null : current.contentHash();
    boolean alreadyApplied = plan.mergedHash().equals(currentHash);
    if (!alreadyApplied && !Objects.equals(currentHash, planned)) {
      return ArtifactResult.ofPlan(
          plan, Outcome.SKIPPED,
          "the " + tier.label() + " changed since the plan was made; plan the rollback again",
          currentHash, currentHash);
    }
    if (current != null && tier == Tier.COLLECTION && !alreadyApplied) {
      // As a sync does: a project SkillMeat deployed names this version by SkillMeat's hash only.
      reader.skillMeat().ofCopy(target, current);
    }
    Instant now = clock.instant();
    RolledBack rollback = new RolledBack(planned, plan.mergedHash(), now, jobId);
    if (alreadyApplied) {
      records.afterRollback(scope, tier, id, rollback);
    } else {
      writer.write(
          target, SyncEdges.shaped(history.require(plan.mergedHash()), id),
          () -> records.afterRollback(scope, tier, id, rollback));
    }
    records.lineage(lineageKey(scope, tier, id), plan.mergedHash(), now, rollback.summary());
    return ArtifactResult.ofPlan(plan, plan.action().outcome(), null, planned, plan.mergedHash());
  }

  /**
   * A sync plan that writes into a tier whose copy was rolled back (and still is: the tier holds
   * the version the rollback wrote) says so in its reason, so the user learns it before applying;
   * any other plan is returned as it is.
   */
  public ArtifactPlan explain(TierScope scope, Direction direction, ArtifactPlan plan)
      throws IOException {
    Tier tier = direction.destination();
    if (!plan.writes() || plan.destinationHash() == null || (tier == Tier.PROJECT && !scope.hasProject())) {
      return plan;
    }
    Optional<RolledBack> rolledBack =
        reader.rolledBack(
            scope, tier, ArtifactId.parse(plan.artifactId()), plan.destinationHash());
    if (rolledBack.isEmpty()) {
      return plan;
    }
    RolledBack r = rolledBack.get();
    String note =
        tier.label() + " was rolled back from " + short7(r.fromHash()) + " on " + DAY.format(r.at())
            + (r.jobId() == null ? "" : " (job " + r.jobId() + ")") + "; this "
            + (plan.action() == PlanAction.CREATE ? "sync" : "update") + " merges "
            + direction.source().label() + "'s changes into it";
    return plan.withReason(plan.reason() == null ? note : plan.reason() + "; " + note);
  }

  private ArtifactTree current(TierScope scope, Tier tier, ArtifactId id) throws IOException {
    return tier == Tier.PROJECT ? reader.project(scope, id) : reader.collection(scope, id);
  }

  private boolean tracked(TierScope scope, Tier tier, ArtifactId id) throws IOException {
    return tier == Tier.PROJECT
        ? reader.deployed(scope, id).isPresent()
        : reader.manifestEntry(scope, id).isPresent();
  }

  private static LineageKey lineageKey(TierScope scope, Tier tier, ArtifactId id) {
    return tier == Tier.PROJECT
        ? LineageKey.project(id, scope.project().projectDir())
        : LineageKey.collection(id, scope.collection().name());
  }

  private static String short7(String hash) {
    return RolledBack.shortHash(hash);
  }
}
