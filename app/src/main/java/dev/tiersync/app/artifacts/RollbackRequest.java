package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /api/v1/artifacts/{id}/rollback}. Unknown fields are rejected (a typo is
 * a 400 naming it); {@code dry_run} and {@code hold} default to true.
 *
 * @param tier {@code collection} or {@code project}
 * @param toHash the content hash of the version to write back: any version of the artifact's
 *     timeline
 * @param hold for the collection: also hold the artifact, so the drift watch leaves it alone
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = false)
record RollbackRequest(
    String tier,
    String toHash,
    String collection,
    String projectPath,
    Boolean dryRun,
    Boolean hold) {}
