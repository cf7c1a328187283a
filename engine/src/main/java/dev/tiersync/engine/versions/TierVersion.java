package dev.tiersync.engine.versions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.tier.RolledBack;
import java.time.Instant;
import java.util.List;

/**
 * One tier's version of an artifact. Serialised as is (snake_case) by the read API's versions
 * answer.
 *
 * @param hash the content hash (SPEC section 2); null upstream when the path is gone at the head
 * @param timestamp upstream: the head commit's time; collection: {@code last_updated} of its
 *     {@code collection.toml} entry, else the newest file modification; project: {@code
 *     deployed_at} of its tracking entry, else the newest file modification
 * @param source upstream: the repository URL; collection: its name; project: its folder
 * @param path upstream: the artifact's path in the repository; otherwise its path on disk
 * @param ref upstream: the branch, tag or commit followed; collection: the {@code
 *     resolved_version} last synced from upstream; project: null
 * @param commit upstream: the head commit; collection: the {@code resolved_sha} last synced from
 *     upstream; project: null
 * @param lineage the versions the artifact has had in this tier, oldest first. Collection and
 *     project: from the history store. Upstream: the newest commits that changed the artifact's
 *     path, read from the repository itself, each with its commit
 * @param baseHash the merge base of the edge into this tier: collection, the upstream version at
 *     {@code resolved_sha}; project, the version deployed last; null when unknown (and upstream)
 * @param behind upstream and collection: how many upstream commits changed the artifact's path
 *     since the collection's {@code resolved_sha}, up to the head ({@code git rev-list --count
 *     <resolved_sha>..<head> -- <path>}); null when unknown (no {@code resolved_sha}, or the
 *     upstream cannot say); project: null
 * @param checkedAt upstream: when the repository was last fetched into its mirror (by a refresh,
 *     a job, the drift watch), null when it never was; collection and project: null
 * @param rolledBack collection and project: the tier's last rollback while the tier still holds
 *     the version it wrote (null otherwise, and upstream)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TierVersion(
    String hash,
    Instant timestamp,
    String source,
    String path,
    String ref,
    String commit,
    List<LineageStep> lineage,
    String baseHash,
    Integer behind,
    Instant checkedAt,
    RolledBack rolledBack) {}
