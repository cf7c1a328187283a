package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageEntry;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Reads the {@link LocalVersions} of an artifact from its tiers and the history store. */
public final class LocalVersionsReader {
  private final TierReader reader;
  private final HistoryStore history;

  public LocalVersionsReader(TierReader reader, HistoryStore history) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.history = Objects.requireNonNull(history, "history");
  }

  /**
   * The versions the project and the collection of {@code scope} have held of {@code id}.
   *
   * <p>The collection→project base is kept apart from the project's versions: after a "keep the
   * project's version" resolve it moves to the collection's version although the project never
   * took it, so as a project version it would make that newer upstream version the merge base and
   * bring back the revert the local-changes patch exists to avoid. It still outranks the
   * collection's own versions: for a project deployed by SkillMeat (no lineage) it is the one
   * record of where the project's copy came from.
   *
   * @param project the project's current version
   * @throws IOException if a tier or the history store cannot be read
   */
  public LocalVersions read(TierScope scope, ArtifactId id, ArtifactTree project)
      throws IOException {
    Set<String> inProject = new HashSet<>();
    inProject.add(project.contentHash());
    addLineage(inProject, LineageKey.project(id, scope.project().projectDir()));
    ArtifactTree collection = reader.collection(scope, id);
    ArtifactTree deployedFrom = reader.projectBase(scope, id, collection, project);
    Set<String> inCollection = new HashSet<>();
    if (collection != null) {
      inCollection.add(collection.contentHash());
    }
    addLineage(inCollection, LineageKey.collection(id, scope.collection().name()));
    return new LocalVersions(
        inProject, deployedFrom == null ? null : deployedFrom.contentHash(), inCollection);
  }

  private void addLineage(Set<String> into, LineageKey key) throws IOException {
    for (LineageEntry e : history.lineage(key)) {
      into.add(e.contentHash());
    }
  }
}
