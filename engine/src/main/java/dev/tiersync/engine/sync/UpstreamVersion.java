package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.ResolvedRef;

/**
 * An artifact's upstream side: where it comes from, the head it resolves to now (with the
 * artifact's tree there, null if the path is gone), and the base the collection was last synced
 * from (the tree at {@code resolved_sha}, null if unknown).
 */
public record UpstreamVersion(
    UpstreamSpec spec, ResolvedRef head, ArtifactTree tree, String baseSha, ArtifactTree baseTree) {}
