package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * One {@code [lock.entries."name::type"]} table of {@code collection.lock}: what was fetched for an
 * artifact and when. {@code contentHash} and {@code fetched} are required (SkillMeat fails without
 * them); {@code upstream}, {@code resolvedSha} and {@code resolvedVersion} are null for a local
 * artifact.
 */
public record LockEntry(
    ArtifactId id,
    String upstream,
    String resolvedSha,
    String resolvedVersion,
    String contentHash,
    Instant fetched) {

  public LockEntry {
    TierValues.required(id, "id");
    TierValues.required(contentHash, "content_hash");
    TierValues.required(fetched, "fetched");
  }

  /** This entry for new content of the artifact, fetched (or written) at {@code at}. */
  public LockEntry withContent(String hash, Instant at) {
    return new LockEntry(id, upstream, resolvedSha, resolvedVersion, hash, at);
  }

  static LockEntry read(ArtifactId id, Config t) {
    return new LockEntry(
        id,
        TomlValues.string(t, "upstream"),
        TomlValues.string(t, "resolved_sha"),
        TomlValues.string(t, "resolved_version"),
        TomlValues.string(t, "content_hash"),
        TomlValues.instant(t, "fetched"));
  }

  /** The keys in the order SkillMeat writes them. */
  LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("content_hash", contentHash);
    f.put("fetched", fetched);
    f.put("upstream", upstream);
    f.put("resolved_sha", resolvedSha);
    f.put("resolved_version", resolvedVersion);
    return f;
  }
}
