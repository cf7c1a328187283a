package dev.tiersync.app.upstreams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/artifacts/{id}/upstream/commits}.
 *
 * @param artifactId {@code type:name}
 * @param repository the upstream repository
 * @param versionSpec the entry's {@code version_spec} as written ({@code latest}, a branch, a tag,
 *     a commit); null when it has none (a GitHub tree URL's ref is then followed)
 * @param ref the branch, tag or commit the collection follows, as resolved
 * @param resolvedSha the commit the collection was last synced from; null when it has none
 * @param headSha the commit {@code ref} points at
 * @param behind how many commits changed the artifact's path since {@code resolvedSha}; null
 *     without one
 * @param items the newest of them, newest first, up to the limit asked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UpstreamCommitsView(
    String artifactId,
    String repository,
    String versionSpec,
    String ref,
    String resolvedSha,
    String headSha,
    Integer behind,
    List<CommitView> items) {}
