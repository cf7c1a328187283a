package dev.tiersync.app.watch;

import dev.tiersync.app.hosts.HostColumn;
import dev.tiersync.app.hosts.HostFleet;
import dev.tiersync.app.upstreams.CommitView;
import dev.tiersync.app.workspace.KnownProjects;
import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetReader;
import dev.tiersync.engine.fleet.FleetRow;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamFetches;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import dev.tiersync.workflows.watch.WatchPass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * One pass of a collection's watch, up to its pending record: fetch the upstreams, read the fleet,
 * compare each cell with the last published pass, and say which artifacts to update.
 */
@Component
class WatchPasses {
  private static final Set<SyncStatus> UPSTREAM_MOVED = Set.of(SyncStatus.OUTDATED, SyncStatus.DIVERGED);

  private final ScopeResolver scopes;
  private final SyncEngine engine;
  private final UpstreamCache upstreams;
  private final FleetReader fleet;
  private final HostFleet hosts;
  private final KnownProjects projects;
  private final WatchFiles files;
  private final WatchProperties properties;
  private final Clock clock;

  WatchPasses(
      ScopeResolver scopes,
      SyncEngine engine,
      UpstreamCache upstreams,
      FleetReader fleet,
      KnownProjects projects,
      WatchFiles files,
      WatchProperties properties,
      Clock clock,
      HostFleet hosts) {
    this.hosts = hosts;
    this.scopes = scopes;
    this.engine = engine;
    this.upstreams = upstreams;
    this.fleet = fleet;
    this.projects = projects;
    this.files = files;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Runs a pass and keeps it pending under {@code passId}.
   *
   * @throws InvalidTierFileException when {@code collection.toml} cannot be read as a whole
   */
  WatchPass run(String collection, String passId) throws IOException {
    CollectionLayout layout;
    try {
      layout = scopes.collection(collection);
    } catch (ScopeResolver.InvalidScopeException e) {
      return new WatchPass(passId, true, 0, 0, List.of());
    }
    if (!Files.isRegularFile(layout.manifestFile())) {
      return new WatchPass(passId, true, 0, 0, List.of());
    }
    long interval = properties.interval().toSeconds();
    if (interval == 0) {
      return new WatchPass(passId, false, 0, 0, List.of());
    }
    Instant start = clock.instant();
    WatchState before = files.state(collection).orElse(null);
    Map<String, String> failures = new HashMap<>();
    UpstreamFetches.fetchEach(upstreams, engine.reader().manifest(new TierScope(layout, null)).artifacts(), failures);
    FleetMatrix matrix = fleet.read(layout, projects.of(collection));
    Map<String, WatchState.Cell> cells = FleetCells.of(matrix, failures);
    addHostCells(layout, matrix, before, cells);
    Map<String, FleetRow> rows = new HashMap<>();
    Map<String, String> heads = new LinkedHashMap<>();
    for (FleetRow row : matrix.rows()) {
      rows.put(row.id().toString(), row);
      if (row.upstream() != null && row.upstream().head() != null) {
        heads.put(row.id().toString(), row.upstream().head().commitSha());
      }
    }
    List<DriftEvent> events =
        before == null ? List.of() : events(collection, passId, before, cells, heads, rows, start);
    Map<String, String> tried = new LinkedHashMap<>(before == null ? Map.of() : before.tried());
    tried.keySet().retainAll(rows.keySet());
    List<String> autoUpdate = new ArrayList<>();
    for (FleetRow row : matrix.rows()) {
      String id = row.id().toString();
      String head = heads.get(id);
      if (updatable(row, start) && head != null && !head.equals(tried.get(id))) {
        autoUpdate.add(id);
        tried.put(id, head);
      }
    }
    long ms = Duration.between(start, clock.instant()).toMillis();
    WatchState after =
        new WatchState(
            collection, cells, heads, tried, passId, start, ms, events.size(),
            FleetCells.counts(cells));
    files.writePending(collection, new WatchFiles.Pending(after, events, autoUpdate));
    return new WatchPass(passId, false, interval, events.size(), autoUpdate);
  }

  /**
   * The collection→project cells of the hosts' projects (docs/agents.md), read by their agents. A
   * host that is offline keeps its cells of the last pass: a closed laptop is not drift.
   */
  private void addHostCells(
      CollectionLayout layout, FleetMatrix matrix, WatchState before,
      Map<String, WatchState.Cell> cells) {
    List<ArtifactId> ids = matrix.rows().stream().map(FleetRow::id).toList();
    for (HostColumn column : hosts.columns(layout, ids)) {
      String project = column.address();
      if (!column.online() || column.error() != null) {
        if (before != null) {
          before.cells().forEach((key, cell) -> {
            if (project.equals(CellKey.parse(key).projectPath())) {
              cells.put(key, cell);
            }
          });
        }
        continue;
      }
      column.cells().forEach((id, cell) -> {
        // As for the server's projects: a project that never had the artifact is not watched.
        if (cell.status() != null && !SyncStatus.MISSING.label().equals(cell.status())) {
          cells.put(new CellKey(id, project).toString(), new WatchState.Cell(cell.status(), cell.reason()));
        }
      });
    }
  }

  /** Whether the watch should update the artifact from upstream by itself now. */
  private static boolean updatable(FleetRow row, Instant now) {
    return row.error() == null
        && row.policy().autoUpdate() == ArtifactPolicy.AutoUpdate.CLEAN
        && !row.policy().heldAt(now)
        && row.upstreamToCollection() != null
        && UPSTREAM_MOVED.contains(row.upstreamToCollection().status());
  }

  private List<DriftEvent> events(
      String collection,
      String passId,
      WatchState before,
      Map<String, WatchState.Cell> cells,
      Map<String, String> heads,
      Map<String, FleetRow> rows,
      Instant at) {
    Set<String> keys = new TreeSet<>(before.cells().keySet());
    keys.addAll(cells.keySet());
    List<DriftEvent> events = new ArrayList<>();
    for (String key : keys) {
      WatchState.Cell was = before.cells().get(key);
      WatchState.Cell now = cells.get(key);
      String from = was == null ? null : was.status();
      String to = now == null ? null : now.status();
      if (Objects.equals(from, to)) {
        continue;
      }
      CellKey cell = CellKey.parse(key);
      FleetRow row = rows.get(cell.artifactId());
      ArtifactPolicy policy = row == null ? ArtifactPolicy.NONE : row.policy();
      boolean held = policy.heldAt(at);
      DriftEvent.UpstreamMove move =
          cell.projectPath() == null && row != null
              ? move(row, before.heads().get(cell.artifactId()), heads.get(cell.artifactId()))
              : null;
      String action = action(cell, to, policy, held);
      events.add(
          new DriftEvent(
              UUID.nameUUIDFromBytes((passId + '\n' + key).getBytes(StandardCharsets.UTF_8)).toString(),
              at, collection, cell.artifactId(), cell.projectPath(), cell.edge(), from, to,
              now == null ? null : now.reason(), move, held, held ? policy.holdReason() : null,
              policy.autoUpdate().id(), action));
    }
    return events;
  }

  /**
   * What the watch does about an upstream edge that moved: nothing for a held artifact ({@code
   * held}), nothing for an auto-updated one whose update would conflict ({@code
   * not_updated:conflict}); an auto-update is added when its job starts.
   */
  private static String action(CellKey cell, String to, ArtifactPolicy policy, boolean held) {
    if (cell.projectPath() != null || to == null) {
      return null;
    }
    if (held && (isMoved(to) || SyncStatus.CONFLICT.label().equals(to))) {
      return "held";
    }
    if (policy.autoUpdate() == ArtifactPolicy.AutoUpdate.CLEAN
        && SyncStatus.CONFLICT.label().equals(to)) {
      return "not_updated:conflict";
    }
    return null;
  }

  private static boolean isMoved(String status) {
    return UPSTREAM_MOVED.stream().anyMatch(s -> s.label().equals(status));
  }

  /** How the artifact's upstream head moved since the last pass, or null when it did not. */
  private DriftEvent.UpstreamMove move(FleetRow row, String fromSha, String toSha) {
    if (row.upstream() == null || toSha == null || toSha.equals(fromSha)) {
      return null;
    }
    UpstreamSpec spec = row.upstream().spec();
    List<CommitView> commits = List.of();
    if (fromSha != null) {
      try {
        commits =
            upstreams
                .commitsBetween(spec.repository(), fromSha, toSha, spec.path(), DriftEvent.UpstreamMove.MAX_COMMITS, null)
                .commits()
                .stream()
                .map(CommitView::of)
                .toList();
      } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
        // A force-push took the old head away: the move is reported without its commits.
        commits = List.of();
      }
    }
    return new DriftEvent.UpstreamMove(spec.repository(), spec.ref(), fromSha, toSha, commits);
  }
}
