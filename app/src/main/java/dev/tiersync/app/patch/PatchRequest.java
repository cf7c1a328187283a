package dev.tiersync.app.patch;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The body of {@code POST /api/v1/sync/patch}: the artifacts to export from the project, the
 * bundle format ({@code tar.gz} or {@code zip}; default {@code SYNC_PATCH_EXPORT}) and what the
 * patch is made of ({@code base}: {@code local_changes}, the default, or {@code upstream_head}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PatchRequest(
    List<String> artifactIds, String collection, String projectPath, String format, String base) {}
