package dev.tiersync.app.jobs;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The {@code artifact_ids} field that sync, resolve and patch requests share. */
public final class ArtifactIdsField {
  static final int MAX_ARTIFACT_IDS = 1000;

  private ArtifactIdsField() {}

  /**
   * Parses and de-duplicates {@code type:name} ids, keeping their order.
   *
   * @throws ApiException 400 naming {@code artifact_ids[i]} for the first invalid id
   */
  public static List<String> parse(List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw.size() > MAX_ARTIFACT_IDS) {
      throw ApiException.badRequest("artifact_ids", "artifact_ids may list at most " + MAX_ARTIFACT_IDS + " ids");
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        ids.add(ArtifactId.parse(raw.get(i)).toString());
      } catch (InvalidArtifactIdException e) {
        throw ApiException.badRequest("artifact_ids[" + i + "]", e.getMessage());
      }
    }
    return new ArrayList<>(ids);
  }
}
