package dev.tiersync.engine.tier;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A rollback job's record of what it did to one artifact in one tier: the tier held {@code
 * fromHash} and was given back {@code toHash}, an earlier version. The API shows it ({@code
 * rolled_back}) only while the tier still holds {@code toHash}.
 *
 * @param fromHash the tier's version before the rollback (null when the tier had lost its copy)
 * @param toHash the version the rollback wrote
 * @param at when it was written
 * @param jobId the rollback job
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RolledBack(String fromHash, String toHash, Instant at, String jobId) {
  public RolledBack {
    TierValues.required(toHash, "to_hash");
    TierValues.required(at, "at");
  }

  /** The first seven digits of a hash, as messages name versions; {@code nothing} for null. */
  public static String shortHash(String hash) {
    return hash == null ? "nothing" : hash.substring(0, Math.min(7, hash.length()));
  }

  /** {@code rolled back from abc1234 to def5678}: the lineage note and the hold reason's start. */
  public String summary() {
    return summary(fromHash, toHash);
  }

  /** {@link #summary()} of a rollback from {@code fromHash} to {@code toHash}. */
  public static String summary(String fromHash, String toHash) {
    return "rolled back from " + shortHash(fromHash) + " to " + shortHash(toHash);
  }
}
