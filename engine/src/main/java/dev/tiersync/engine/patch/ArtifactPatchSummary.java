package dev.tiersync.engine.patch;

import dev.tiersync.engine.model.ArtifactId;
import java.util.List;

/**
 * What a bundle holds for one artifact; {@code manifest.json} carries the same fields.
 *
 * @param artifactId the artifact
 * @param upstreamUrl the upstream repository
 * @param pathInRepo the artifact's path inside it ({@code ""} for the root)
 * @param ref the ref the artifact follows; null for the remote's default branch
 * @param base what the patch is made of
 * @param baseSha the full commit id the patch is made against
 * @param baseIsHead true when the patch is made against the current head: always for {@link
 *     PatchBase#LOCAL_CHANGES}; for {@link PatchBase#UPSTREAM_HEAD} when no {@code resolved_sha}
 *     was known
 * @param mergeBase where the local changes were taken from; null for {@link
 *     PatchBase#UPSTREAM_HEAD}
 * @param headRef the branch the change is meant for: {@code ref} itself, the default branch when
 *     {@code ref} is null, or when it names a tag or a commit (a pull request targets a branch)
 * @param headSha the commit {@code headRef} points at now; the trial apply ran against it
 * @param baseHash canonical content hash of the artifact at {@code baseSha}; null when it was not
 *     there
 * @param projectHash canonical content hash of the project's version
 * @param filesAdded files the patch adds
 * @param filesRemoved files the patch removes
 * @param filesModified files the patch changes (content, mode or type)
 * @param patchEntry the bundle entry holding the patch; null when nothing changed
 * @param files every changed file, in path order
 * @param trialApply the patch tried against {@code headSha}; its conflicts include the files whose
 *     rebase on the head conflicted
 * @param suggestedBranch the branch name to push the change under ({@code tiersync/<name>-<hash>})
 * @param githubPrUrl a GitHub compare link for that branch; null unless the upstream is on
 *     github.com
 */
public record ArtifactPatchSummary(
    ArtifactId artifactId,
    String upstreamUrl,
    String pathInRepo,
    String ref,
    PatchBase base,
    String baseSha,
    boolean baseIsHead,
    MergeBase mergeBase,
    String headRef,
    String headSha,
    String baseHash,
    String projectHash,
    int filesAdded,
    int filesRemoved,
    int filesModified,
    String patchEntry,
    List<PatchedFile> files,
    TrialApplyResult trialApply,
    String suggestedBranch,
    String githubPrUrl) {
  public ArtifactPatchSummary {
    files = List.copyOf(files);
  }

  /** Whether the patch changes anything at all (false: an empty patch, nothing to push). */
  public boolean changed() {
    return !files.isEmpty();
  }
}
