package dev.tiersync.engine.fleet;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a {@link FleetMatrix}: the upstream edge of each artifact once (from the upstream mirrors,
 * never fetching), then the collection→project edge of each artifact in each project. Reads only;
 * a broken entry or an unreadable upstream is that row's or cell's error, never the whole answer's.
 */
public final class FleetReader {
  private final SyncEngine engine;
  private final StatusCalculator status;

  public FleetReader(SyncEngine engine, StatusCalculator status) {
    this.engine = engine;
    this.status = status;
  }

  /**
   * The matrix of the collection's artifacts against {@code projects}.
   *
   * @throws dev.tiersync.engine.tier.InvalidTierFileException when {@code collection.toml} cannot
   *     be read as a whole
   */
  public FleetMatrix read(CollectionLayout collection, List<ProjectLayout> projects)
      throws IOException {
    TierReader tiers = engine.reader();
    TierScope collectionScope = new TierScope(collection, null);
    List<InvalidEntry> invalid = tiers.invalidEntries(collectionScope);
    var manifest = tiers.manifest(collectionScope);
    Map<String, String> unreachable = new HashMap<>();
    List<FleetRow> rows = new ArrayList<>();
    for (ArtifactId id : engine.artifacts(collectionScope)) {
      List<InvalidEntry> bad = tiers.invalidEntries(collectionScope, id);
      ManifestArtifact entry = bad.isEmpty() ? manifest.find(id).orElse(null) : null;
      ArtifactTree collectionTree = tiers.collection(collectionScope, id);
      UpstreamVersion upstream = null;
      EdgeStatus upstreamEdge = null;
      String upstreamError = null;
      ArtifactPolicy policy = ArtifactPolicy.NONE;
      String error = bad.isEmpty() ? null : messages(bad);
      if (entry != null) {
        try {
          policy = manifest.policy(id);
        } catch (InvalidTierFileException e) {
          error = "collection.toml: " + e.getMessage();
        }
        String repository = repository(entry);
        if (repository != null && unreachable.containsKey(repository)) {
          upstreamError = unreachable.get(repository);
        } else {
          try {
            Optional<UpstreamVersion> u = tiers.upstream(entry, FetchPolicy.IF_MISSING, null);
            if (u.isPresent()) {
              upstream = u.get();
              upstreamEdge = status.edge(upstream.tree(), collectionTree, upstream.baseTree());
            }
          } catch (UpstreamUnavailableException e) {
            upstreamError = e.getMessage();
            unreachable.put(repository, e.getMessage());
          } catch (UpstreamRefNotFoundException | InvalidTierFileException e) {
            upstreamError = e.getMessage();
          }
        }
      }
      List<FleetCell> cells = new ArrayList<>();
      for (ProjectLayout project : projects) {
        cells.add(cell(new TierScope(collection, project), id, collectionTree));
      }
      rows.add(
          new FleetRow(id, entry, policy, upstream, upstreamEdge, upstreamError, error, cells));
    }
    return new FleetMatrix(
        collection.name(),
        projects.stream().map(ProjectLayout::projectDir).toList(),
        rows,
        invalid);
  }

  private FleetCell cell(TierScope scope, ArtifactId id, ArtifactTree collectionTree) {
    Path dir = scope.project().projectDir();
    TierReader tiers = engine.reader();
    try {
      List<InvalidEntry> bad = tiers.invalidEntries(scope, id);
      bad = bad.stream().filter(e -> !e.file().equals(scope.collection().manifestFile())).toList();
      if (!bad.isEmpty()) {
        return new FleetCell(dir, null, messages(bad));
      }
      ArtifactTree project = tiers.project(scope, id);
      if (collectionTree == null && project == null) {
        return new FleetCell(dir, null, null);
      }
      ArtifactTree base = tiers.projectBase(scope, id, collectionTree, project);
      return new FleetCell(dir, status.edge(collectionTree, project, base), null);
    } catch (InvalidTierFileException | IOException e) {
      return new FleetCell(dir, null, e.getMessage());
    }
  }

  private static String repository(ManifestArtifact entry) {
    try {
      return entry.upstreamSpec().map(s -> s.repository()).orElse(null);
    } catch (InvalidTierFileException e) {
      return null;
    }
  }

  private static String messages(List<InvalidEntry> entries) {
    return entries.stream().map(InvalidEntry::message).collect(Collectors.joining("; "));
  }
}
