package dev.tiersync.app.fleet;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.workspace.KnownProjects;
import dev.tiersync.app.hosts.HostColumn;
import dev.tiersync.app.hosts.HostFleet;
import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetRow;
import dev.tiersync.engine.fleet.FleetReader;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/fleet}: every artifact of a collection against every known project, read
 * from disk and the upstream mirrors (never fetching), and against the projects of every host of
 * {@code TIERSYNC_HOSTS} as their agents read them ({@link HostFleet}).
 */
@RestController
class FleetController {
  private final FleetReader fleet;
  private final KnownProjects known;
  private final ScopeResolver scopes;
  private final CollectionsRoot collections;
  private final FleetAnswer answer;
  private final HostFleet hosts;
  private final Clock clock;

  FleetController(
      FleetReader fleet,
      KnownProjects known,
      ScopeResolver scopes,
      TiersyncProperties properties,
      UpstreamCache upstreams,
      HostFleet hosts,
      Clock clock) {
    this.hosts = hosts;
    this.fleet = fleet;
    this.known = known;
    this.scopes = scopes;
    this.collections = new CollectionsRoot(properties.collections());
    this.answer = new FleetAnswer(upstreams);
    this.clock = clock;
  }

  /**
   * @param type comma-separated artifact types; absent for all
   * @param project project paths (repeatable): these columns instead of the known projects
   * @param drift {@code true}: only the artifacts with an edge that is not {@code synced}
   */
  @GetMapping("/api/v1/fleet")
  FleetView fleet(
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) List<String> project,
      @RequestParam(required = false) String drift)
      throws IOException {
    Set<ArtifactType> types = types(type);
    boolean driftOnly = drift(drift);
    CollectionLayout layout = collection(collection);
    boolean known = project == null || project.isEmpty();
    List<ProjectLayout> projects = known ? this.known.of(layout.name()) : projects(project);
    FleetMatrix matrix = fleet.read(layout, projects);
    // The hosts' projects are known projects too; a request naming its columns gets those only.
    List<HostColumn> hosted =
        known ? hosts.columns(layout, matrix.rows().stream().map(FleetRow::id).toList()) : List.of();
    return answer.of(matrix, hosted, types, driftOnly, clock.instant());
  }

  /** @throws ApiException 400 for a name that cannot be a collection's, 404 for none */
  private CollectionLayout collection(String name) {
    CollectionLayout layout;
    try {
      layout = collections.collection(name.isBlank() ? "default" : name);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("collection", e.getMessage());
    }
    if (!Files.isRegularFile(layout.manifestFile())) {
      throw new ApiException(
          HttpStatus.NOT_FOUND,
          "collection",
          "collection '" + layout.name() + "' does not exist (no "
              + CollectionLayout.MANIFEST_FILE + ")");
    }
    return layout;
  }

  private static Set<ArtifactType> types(String value) {
    Set<ArtifactType> out = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String part : value.split(",")) {
      out.add(
          ArtifactType.fromId(part.trim())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "type",
                          "type must be skill, command, agent, hook or mcp, got '"
                              + part.trim() + "'")));
    }
    return out;
  }

  private static boolean drift(String value) {
    if (value == null || value.isBlank() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ApiException.badRequest("drift", "drift must be true or false, got '" + value + "'");
  }

  /** Each path checked as {@code project_path} is; a bad one is a 400 naming {@code project}. */
  private List<ProjectLayout> projects(List<String> paths) {
    List<ProjectLayout> out = new ArrayList<>();
    Set<java.nio.file.Path> seen = new LinkedHashSet<>();
    for (String path : paths) {
      ProjectLayout layout;
      try {
        layout = scopes.project(path);
      } catch (ScopeResolver.InvalidScopeException e) {
        throw ApiException.badRequest(
            "project", e.getMessage().replaceFirst("^project_path", "project"));
      }
      if (seen.add(layout.projectDir())) {
        out.add(layout);
      }
    }
    return out;
  }
}
