package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.versions.TierVersion;

/**
 * The answer of {@code GET /api/v1/artifacts/{id}/versions}: the artifact's version in each tier
 * (null where the tier lacks it; read by the engine's {@code VersionReader}) and the status of
 * both edges.
 *
 * @param upstreamError why the upstream could not be read (then {@code upstream} is null), or null
 * @param error why the artifact is in error (an entry of it in a tier file breaks a rule), or null;
 *     then only its versions on disk are shown
 * @param policy its hold and auto-update policy
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ArtifactVersions(
    String artifactId,
    TierVersion upstream,
    TierVersion collection,
    TierVersion project,
    StatusView status,
    String upstreamError,
    String error,
    PolicyView policy) {}
