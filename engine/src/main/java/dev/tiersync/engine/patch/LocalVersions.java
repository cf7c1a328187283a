package dev.tiersync.engine.patch;

import java.util.Set;

/**
 * The versions (content hashes) an artifact's project copy and collection copy have held: the
 * evidence a {@link PatchBase#LOCAL_CHANGES} patch finds its merge base by (see {@link
 * MergeBaseFinder}), strongest first.
 *
 * @param project the project copy's: its current version and every version its lineage recorded
 * @param deployedFrom the collection's version the project was last synced from (the
 *     collection→project base, from tiersync's or SkillMeat's records); null when unknown
 * @param collection the collection copy's: its current version and every version its lineage
 *     recorded
 */
public record LocalVersions(Set<String> project, String deployedFrom, Set<String> collection) {
  /** Nothing known: the merge base falls back to the collection's {@code resolved_sha}. */
  public static final LocalVersions NONE = new LocalVersions(Set.of(), null, Set.of());

  public LocalVersions {
    project = project == null ? Set.of() : Set.copyOf(project);
    collection = collection == null ? Set.of() : Set.copyOf(collection);
  }

  boolean isEmpty() {
    return project.isEmpty() && deployedFrom == null && collection.isEmpty();
  }
}
