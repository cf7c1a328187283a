package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One artifact a collection job adds or re-pins: where it comes from upstream and which ref it
 * follows. Carries names and paths only, never contents.
 *
 * @param artifactId the artifact's {@code type:name} in the collection
 * @param upstream the Git repository as the user gave it ({@code https://}, {@code ssh}, {@code
 *     file://}, a local path, or a GitHub tree URL)
 * @param upstreamPath the artifact's path inside the repository ({@code ""} for its root)
 * @param versionSpec the branch, tag or commit to follow, or {@code latest} for the default branch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CollectionChange(
    String artifactId, String upstream, String upstreamPath, String versionSpec) {}
