package dev.tiersync.engine.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a lineage: the artifact had content {@code contentHash} from {@code at} on.
 *
 * @param contentHash the canonical content hash (hex sha256) of the version
 * @param at when the version was read or written, as given by the caller (millisecond precision or
 *     better is preserved)
 * @param note a short free-form reason, e.g. {@code sync job 42}; empty when none was given
 */
public record LineageEntry(String contentHash, Instant at, String note) {
  public LineageEntry {
    Objects.requireNonNull(contentHash, "contentHash");
    Objects.requireNonNull(at, "at");
    note = note == null ? "" : note;
  }
}
