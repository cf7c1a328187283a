package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.tier.UpstreamSpec;
import java.util.Objects;

/**
 * One artifact to export upstream.
 *
 * @param artifactId the artifact
 * @param upstream where it lives upstream (repository, followed ref, path in the repository)
 * @param baseSha the upstream commit the collection was last synced from ({@code resolved_sha});
 *     null when unknown, in which case the current head of {@code upstream.ref()} is the base and
 *     the manifest says so
 * @param projectVersion the project's version: what the upstream should look like after the patch
 * @param localVersions the versions the project and the collection have held, from which a {@link
 *     PatchBase#LOCAL_CHANGES} patch finds its merge base
 */
public record ArtifactPatchInput(
    ArtifactId artifactId,
    UpstreamSpec upstream,
    String baseSha,
    ArtifactTree projectVersion,
    LocalVersions localVersions) {
  public ArtifactPatchInput {
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(projectVersion, "projectVersion");
    if (baseSha != null && baseSha.isBlank()) {
      baseSha = null;
    }
    localVersions = localVersions == null ? LocalVersions.NONE : localVersions;
  }

  /**
   * An artifact whose local versions are unknown: a {@link PatchBase#LOCAL_CHANGES} patch takes
   * its changes since {@code baseSha}.
   */
  public ArtifactPatchInput(
      ArtifactId artifactId, UpstreamSpec upstream, String baseSha, ArtifactTree projectVersion) {
    this(artifactId, upstream, baseSha, projectVersion, LocalVersions.NONE);
  }
}
