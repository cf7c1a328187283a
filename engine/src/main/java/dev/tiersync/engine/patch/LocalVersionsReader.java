package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageEntry;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ProjectSide;
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
    ArtifactTree collection = reader.collection(scope, id);
    return versions(
        scope, id, project, LineageKey.project(id, scope.project().projectDir()), collection,
        reader.projectBase(scope, id, collection, project));
  }

  /**
   * {@link #read(TierScope, ArtifactId, ArtifactTree)} for a project on another host
   * (docs/agents.md): its tracking records as its agent read them ({@code side}) stand in for the
   * project's files, and its lineage is the one the server keeps for its {@code host:path}.
   *
   * @param scope the collection's scope on the server (no project)
   * @param address the project's canonical {@code host:path}
   * @param side what the project's agent read of {@code id}
   * @param project the project's current version (the one {@code side} names)
   * @throws IOException if the collection or the history store cannot be read
   */
  public LocalVersions read(
      TierScope scope, ArtifactId id, String address, ProjectSide side, ArtifactTree project)
      throws IOException {
    ArtifactTree collection = reader.collection(scope, id);
    return versions(
        scope, id, project, LineageKey.hostedProject(id, address), collection,
        reader.projectBase(scope, id, collection, project, side));
  }

  private LocalVersions versions(
      TierScope scope, ArtifactId id, ArtifactTree project, LineageKey projectLineage,
      ArtifactTree collection, ArtifactTree deployedFrom)
      throws IOException {
    Set<String> inProject = new HashSet<>();
    inProject.add(project.contentHash());
    addLineage(inProject, projectLineage);
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
