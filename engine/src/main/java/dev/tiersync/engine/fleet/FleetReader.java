package dev.tiersync.engine.fleet;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.ProjectRecords;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamMemo;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Reads a {@link FleetMatrix} in one pass: each tier file (the manifest, the collection's sidecar,
 * each project's tracking file and sidecar) is read once and indexed by artifact; each artifact's
 * collection version and upstream edge (from the upstream mirrors, never fetching) are read once
 * and shared by its cells. A cell's edge is what {@link SyncEngine#snapshot} says for it. Reads
 * only; a broken entry, tracking file or upstream is that row's or cell's error, never the whole
 * answer's.
 */
public final class FleetReader {
  /** How many stored versions {@link #stored} keeps before it starts afresh. */
  private static final int STORED_VERSIONS = 50_000;

  private final SyncEngine engine;
  private final StatusCalculator status;
  private final ConcurrentHashMap<String, ArtifactTree> storedByHash = new ConcurrentHashMap<>();
  private final UpstreamMemo upstreams;

  public FleetReader(SyncEngine engine, StatusCalculator status) {
    this.engine = engine;
    this.status = status;
    this.upstreams = engine.reader().upstreamMemo();
  }

  /** A project of the pass: its tier files as read once, or why they cannot be read. */
  private record ProjectPass(TierScope scope, ProjectRecords records, String error) {}

  /**
   * The matrix of the collection's artifacts against {@code projects}.
   *
   * @throws dev.tiersync.engine.tier.InvalidTierFileException when {@code collection.toml} cannot
   *     be read as a whole
   */
  public FleetMatrix read(CollectionLayout collection, List<ProjectLayout> projects)
      throws IOException {
    TierReader tiers = engine.reader();
    upstreams.newRead();
    TierScope collectionScope = new TierScope(collection, null);
    List<InvalidEntry> invalid = tiers.invalidEntries(collectionScope);
    CollectionManifest manifest = tiers.sharedManifest(collectionScope);
    Map<ArtifactId, List<InvalidEntry>> badById = ProjectRecords.byArtifact(invalid);
    Map<ArtifactId, CollectionSidecar> written = tiers.collectionSidecars(collectionScope);
    List<ProjectPass> passes = new ArrayList<>();
    for (ProjectLayout project : projects) {
      passes.add(pass(tiers, new TierScope(collection, project)));
    }
    Map<String, String> unreachable = new ConcurrentHashMap<>();
    List<ArtifactId> ids = new ArrayList<>(collection.artifacts(manifest));
    // Rows are independent reads (the tier files are parsed above): spread them over the cores.
    FleetRow[] rows = new FleetRow[ids.size()];
    try {
      IntStream.range(0, ids.size())
          .parallel()
          .forEach(
              i -> {
                try {
                  rows[i] =
                      row(tiers, collectionScope, manifest, badById, written, passes, unreachable, ids.get(i));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return new FleetMatrix(
        collection.name(),
        projects.stream().map(ProjectLayout::projectDir).toList(),
        List.of(rows),
        invalid);
  }

  private FleetRow row(
      TierReader tiers,
      TierScope collectionScope,
      CollectionManifest manifest,
      Map<ArtifactId, List<InvalidEntry>> badById,
      Map<ArtifactId, CollectionSidecar> written,
      List<ProjectPass> passes,
      Map<String, String> unreachable,
      ArtifactId id)
      throws IOException {
    CollectionLayout collection = collectionScope.collection();
    List<InvalidEntry> bad = badById.getOrDefault(id, List.of());
    ManifestArtifact entry = bad.isEmpty() ? manifest.find(id).orElse(null) : null;
    ArtifactTree collectionTree = tiers.collection(collectionScope, id);
    ArtifactPolicy policy = ArtifactPolicy.NONE;
    String error = bad.isEmpty() ? null : messages(bad);
    if (entry != null) {
      try {
        policy = manifest.policy(id);
      } catch (InvalidTierFileException e) {
        error = "collection.toml: " + e.getMessage();
      }
    }
    Upstream upstream = upstream(tiers, entry, collectionTree, unreachable);
    List<InvalidEntry> sidecarBad =
        bad.stream().filter(e -> !collection.manifestFile().equals(e.file())).toList();
    List<FleetCell> cells = new ArrayList<>();
    for (ProjectPass pass : passes) {
      cells.add(cell(tiers, pass, id, collectionTree, sidecarBad, written.get(id)));
    }
    return new FleetRow(
        id, entry, policy, upstream.version, upstream.edge, upstream.error, error, cells);
  }

  private static ProjectPass pass(TierReader tiers, TierScope scope) throws IOException {
    try {
      return new ProjectPass(scope, tiers.projectRecords(scope), null);
    } catch (InvalidTierFileException e) {
      return new ProjectPass(scope, null, e.getMessage());
    }
  }

  /** An artifact's upstream side: its version and edge, or why it cannot be read. */
  private record Upstream(UpstreamVersion version, EdgeStatus edge, String error) {}

  /**
   * The upstream side of one artifact from its mirror. A repository found unreachable is not asked
   * again in the same pass ({@code unreachable}: repository → reason).
   */
  private Upstream upstream(
      TierReader tiers,
      ManifestArtifact entry,
      ArtifactTree collectionTree,
      Map<String, String> unreachable)
      throws IOException {
    if (entry == null) {
      return new Upstream(null, null, null);
    }
    String repository = repository(entry);
    if (repository != null && unreachable.containsKey(repository)) {
      return new Upstream(null, null, unreachable.get(repository));
    }
    try {
      Optional<UpstreamVersion> u = tiers.upstreamThrough(entry, FetchPolicy.IF_MISSING, upstreams);
      if (u.isEmpty()) {
        return new Upstream(null, null, null);
      }
      UpstreamVersion version = u.get();
      return new Upstream(
          version,
          status.edge(version.tree(), collectionTree, version.baseTree(), entry.type()),
          null);
    } catch (UpstreamUnavailableException e) {
      unreachable.put(repository, e.getMessage());
      return new Upstream(null, null, e.getMessage());
    } catch (UpstreamRefNotFoundException | InvalidTierFileException e) {
      return new Upstream(null, null, e.getMessage());
    }
  }

  private FleetCell cell(
      TierReader tiers,
      ProjectPass pass,
      ArtifactId id,
      ArtifactTree collectionTree,
      List<InvalidEntry> sidecarBad,
      CollectionSidecar written) {
    Path dir = pass.scope().project().projectDir();
    if (pass.error() != null) {
      return new FleetCell(dir, null, pass.error());
    }
    List<InvalidEntry> bad = new ArrayList<>(sidecarBad);
    bad.addAll(pass.records().invalid().getOrDefault(id, List.of()));
    if (!bad.isEmpty()) {
      return new FleetCell(dir, null, messages(bad));
    }
    try {
      ArtifactTree project = tiers.project(pass.scope(), id);
      if (collectionTree == null && project == null) {
        return new FleetCell(dir, null, null);
      }
      ArtifactTree base =
          tiers.projectBase(
              pass.scope(),
              id,
              collectionTree,
              project,
              pass.records().deployed().get(id),
              pass.records().sidecars().get(id),
              () -> Optional.ofNullable(written),
              this::stored);
      return new FleetCell(dir, status.edge(collectionTree, project, base, id.type()), null);
    } catch (InvalidTierFileException | IOException e) {
      return new FleetCell(dir, null, e.getMessage());
    }
  }

  /**
   * A version from the history store, remembered: an artifact's cells mostly share one base, and a
   * stored version never changes under its content hash. Absent ones are asked again, as they may
   * be stored later.
   */
  private Optional<ArtifactTree> stored(String contentHash) throws IOException {
    ArtifactTree known = storedByHash.get(contentHash);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ArtifactTree> found = engine.history().get(contentHash);
    if (found.isPresent()) {
      if (storedByHash.size() >= STORED_VERSIONS) {
        storedByHash.clear();
      }
      storedByHash.put(contentHash, found.get());
    }
    return found;
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
