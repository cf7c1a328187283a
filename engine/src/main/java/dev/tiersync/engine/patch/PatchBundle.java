package dev.tiersync.engine.patch;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A written patch bundle.
 *
 * @param path where the archive is
 * @param format its format
 * @param base what its patches are made of
 * @param sha256 hex sha256 of the archive's bytes
 * @param sizeBytes the archive's size
 * @param createdAt when it was built (also in the manifest and, as entry times, in the archive)
 * @param trialApply clean when every artifact's patch applies to its current upstream head,
 *     conflict when one does not, unknown when one could not be checked
 * @param suggestedBranch the branch name to push the whole change under
 * @param githubPrUrl a GitHub compare link when every artifact comes from one github.com repository
 *     and base branch; otherwise null (the per-artifact links remain)
 * @param artifacts one summary per artifact, in artifact id order
 */
public record PatchBundle(
    Path path,
    BundleFormat format,
    PatchBase base,
    String sha256,
    long sizeBytes,
    Instant createdAt,
    TrialApply trialApply,
    String suggestedBranch,
    String githubPrUrl,
    List<ArtifactPatchSummary> artifacts) {
  public PatchBundle {
    artifacts = List.copyOf(artifacts);
  }
}
