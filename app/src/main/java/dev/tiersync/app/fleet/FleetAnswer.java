package dev.tiersync.app.fleet;

import dev.tiersync.app.artifacts.PolicyView;
import dev.tiersync.app.hosts.HostColumn;
import dev.tiersync.engine.fleet.FleetCell;
import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetRow;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the engine's {@link FleetMatrix} into the API's {@link FleetView}: labels, the {@code
 * error} and {@code unreachable} states, the filters that apply to rows, and the counts over what
 * is left.
 */
final class FleetAnswer {
  /** A tier-file entry or tracking file that cannot be used for this artifact. */
  static final String ERROR = "error";

  /** An upstream that cannot be read from its mirror. */
  static final String UNREACHABLE = "unreachable";

  private final UpstreamCache upstreams;

  FleetAnswer(UpstreamCache upstreams) {
    this.upstreams = upstreams;
  }

  /**
   * The answer for {@code matrix}.
   *
   * @param types the artifact types to keep; empty keeps all
   * @param drift keep only the artifacts with an edge that is not {@code synced}
   * @param hosted the columns of projects on hosts, after the matrix's
   */
  FleetView of(
      FleetMatrix matrix, List<HostColumn> hosted, Set<ArtifactType> types, boolean drift, Instant now) {
    List<FleetView.Artifact> artifacts = new ArrayList<>();
    for (FleetRow row : matrix.rows()) {
      if (!types.isEmpty() && !types.contains(row.id().type())) {
        continue;
      }
      FleetView.Artifact artifact = artifact(row, hosted, now);
      if (!drift || drifted(artifact)) {
        artifacts.add(artifact);
      }
    }
    List<FleetView.Project> projects = new ArrayList<>();
    for (int i = 0; i < matrix.projects().size(); i++) {
      Path dir = matrix.projects().get(i);
      Map<String, Integer> counts = counts(false);
      for (FleetView.Artifact a : artifacts) {
        count(counts, a.cells().get(i).collectionToProject());
      }
      projects.add(new FleetView.Project(dir.toString(), dir.getFileName().toString(), counts));
    }
    for (int j = 0; j < hosted.size(); j++) {
      HostColumn column = hosted.get(j);
      Map<String, Integer> counts = counts(false);
      for (FleetView.Artifact a : artifacts) {
        count(counts, a.cells().get(matrix.projects().size() + j).collectionToProject());
      }
      String name = column.path().replaceFirst(".*[/\\\\]", "");
      projects.add(
          new FleetView.Project(
              column.address(), name.isEmpty() ? column.path() : name, counts, column.host(),
              column.online(), column.asOf(), column.offlineReason()));
    }
    Map<String, Integer> upstream = counts(true);
    Map<String, Integer> toProject = counts(false);
    Map<String, Integer> overall = counts(false);
    for (FleetView.Artifact a : artifacts) {
      count(upstream, a.upstreamToCollection());
      for (FleetView.Cell c : a.cells()) {
        count(toProject, c.collectionToProject());
        count(overall, c.overall());
      }
    }
    return new FleetView(
        matrix.collection(),
        now,
        checkedAt(matrix),
        projects,
        artifacts,
        new FleetView.Counts(upstream, toProject, overall),
        matrix.invalid().stream()
            .map(
                e ->
                    new FleetView.Problem(
                        e.file() == null ? null : e.file().toString(),
                        e.line(),
                        e.field(),
                        e.message()))
            .toList());
  }

  private static FleetView.Artifact artifact(FleetRow row, List<HostColumn> hosted, Instant now) {
    String upstream;
    String upstreamReason;
    if (row.upstreamToCollection() != null) {
      upstream = label(row.upstreamToCollection());
      upstreamReason = row.upstreamToCollection().reason();
    } else if (row.entry() == null && row.error() != null) {
      upstream = ERROR;
      upstreamReason = row.error();
    } else if (row.upstreamError() != null) {
      upstream = UNREACHABLE;
      upstreamReason = row.upstreamError();
    } else {
      upstream = null;
      upstreamReason = null;
    }
    List<FleetView.Cell> cells = new ArrayList<>();
    for (FleetCell cell : row.cells()) {
      cells.add(cell(row, cell));
    }
    for (HostColumn column : hosted) {
      cells.add(cell(row, column));
    }
    return new FleetView.Artifact(
        row.id().toString(),
        row.id().type().id(),
        row.id().name(),
        upstream,
        upstreamReason,
        PolicyView.of(row.policy(), now),
        row.error(),
        cells);
  }

  private static FleetView.Cell cell(FleetRow row, FleetCell cell) {
    String path = cell.project().toString();
    if (cell.error() != null) {
      return new FleetView.Cell(path, ERROR, cell.error(), ERROR);
    }
    EdgeStatus edge = cell.collectionToProject();
    return new FleetView.Cell(
        path, label(edge), edge == null ? null : edge.reason(), overall(row, edge == null ? null : edge.status()));
  }

  /** The worse of the row's upstream edge and a cell's; {@code error} when the row is in error. */
  private static String overall(FleetRow row, SyncStatus cell) {
    if (row.error() != null) {
      return ERROR;
    }
    SyncStatus worst =
        SyncStatus.worst(row.upstreamToCollection() == null ? null : row.upstreamToCollection().status(), cell);
    return worst == null ? null : worst.label();
  }

  /** A cell of a project on a host, from what its agent last answered. */
  private static FleetView.Cell cell(FleetRow row, HostColumn column) {
    String path = column.address();
    if (column.error() != null) {
      return new FleetView.Cell(path, ERROR, column.error(), ERROR);
    }
    HostColumn.Cell cell = column.cells().get(row.id().toString());
    String label = cell == null ? null : cell.status();
    if (ERROR.equals(label)) {
      return new FleetView.Cell(path, ERROR, cell.reason(), ERROR);
    }
    SyncStatus status = label == null ? null : SyncStatus.valueOf(label.toUpperCase(java.util.Locale.ROOT));
    return new FleetView.Cell(path, label, cell == null ? null : cell.reason(), overall(row, status));
  }

  /** Whether an edge of the artifact (its upstream edge or a cell) is there and not synced. */
  private static boolean drifted(FleetView.Artifact a) {
    String synced = SyncStatus.SYNCED.label();
    if (a.upstreamToCollection() != null && !synced.equals(a.upstreamToCollection())) {
      return true;
    }
    return a.cells().stream()
        .anyMatch(c -> c.collectionToProject() != null && !synced.equals(c.collectionToProject()));
  }

  /**
   * The oldest last fetch among the collection's upstream repositories: how stale the answer's
   * upstream side may be. Null when one was never fetched, or there is none.
   */
  private Instant checkedAt(FleetMatrix matrix) {
    Set<String> repositories = new TreeSet<>();
    for (FleetRow row : matrix.rows()) {
      repository(row.entry()).ifPresent(repositories::add);
    }
    Instant oldest = null;
    for (String repository : repositories) {
      Optional<Instant> fetched = upstreams.lastFetched(repository);
      if (fetched.isEmpty()) {
        return null;
      }
      if (oldest == null || fetched.get().isBefore(oldest)) {
        oldest = fetched.get();
      }
    }
    return oldest;
  }

  private static Optional<String> repository(ManifestArtifact entry) {
    try {
      return entry == null ? Optional.empty() : entry.upstreamSpec().map(UpstreamSpec::repository);
    } catch (InvalidTierFileException e) {
      // Its row says why; a repository that cannot be named has no fetch time either.
      return Optional.empty();
    }
  }

  /** Every label a count can have, at zero, in severity order. */
  private static Map<String, Integer> counts(boolean withUnreachable) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (SyncStatus s : SyncStatus.values()) {
      out.put(s.label(), 0);
    }
    out.put(ERROR, 0);
    if (withUnreachable) {
      out.put(UNREACHABLE, 0);
    }
    return out;
  }

  private static void count(Map<String, Integer> counts, String label) {
    if (label != null) {
      counts.merge(label, 1, Integer::sum);
    }
  }

  private static String label(EdgeStatus edge) {
    return edge == null ? null : edge.status().label();
  }
}
