package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.tier.RolledBack;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.versions.TierVersions;
import dev.tiersync.engine.versions.VersionReader;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Answers the artifacts list and the versions of one artifact: parses the request's filters and
 * puts the engine's answers into the API's shapes.
 */
@Component
class ArtifactCatalog {
  private final ArtifactReader reader;
  private final SyncEngine engine;
  private final VersionReader versions;
  private final ArtifactStatusMetrics metrics;
  private final UpstreamCache upstreams;
  private final Clock clock;

  ArtifactCatalog(
      ArtifactReader reader,
      SyncEngine engine,
      VersionReader versions,
      ArtifactStatusMetrics metrics,
      UpstreamCache upstreams,
      Clock clock) {
    this.reader = reader;
    this.engine = engine;
    this.versions = versions;
    this.metrics = metrics;
    this.upstreams = upstreams;
    this.clock = clock;
  }

  /**
   * The artifacts of a collection (plus a project's), filtered by type and by status.
   *
   * @param type comma-separated artifact types; null or blank for all
   * @param status comma-separated statuses, matched against either edge and the overall badge
   * @param refresh fetch the upstream repositories first instead of answering from their mirrors
   */
  ArtifactList list(
      String collection, String projectPath, String type, String status, boolean refresh)
      throws IOException {
    Set<ArtifactType> types =
        filter(type, "type", ArtifactType::fromId, "skill, command, agent, hook or mcp");
    boolean filtering = status != null && !status.isBlank();
    List<String> wanted =
        filtering
            ? new ArrayList<>(Arrays.stream(status.split(",")).map(String::trim).toList())
            : new ArrayList<>();
    boolean wantErrors = wanted.removeIf(StatusView.ERROR::equals);
    Set<SyncStatus> statuses =
        filter(
            String.join(",", wanted),
            "status",
            ArtifactCatalog::syncStatus,
            "synced, missing, removed, outdated, modified, diverged, conflict or error");
    TierScope scope = reader.scope(collection, projectPath);
    // One view of the tier files for the whole list: each is read once, not once per artifact.
    try (TierReader.Pin pin = engine.reader().pin()) {
      // Reads the tier files first: one that cannot be read at all is a 409 naming it.
      List<InvalidEntry> invalid = engine.reader().invalidEntries(scope);
      Map<String, String> failures = new HashMap<>();
      if (refresh) {
        reader.refresh(engine.reader().manifest(scope).artifacts(), failures);
      }
      List<ArtifactList.Item> items = new ArrayList<>();
      Map<SyncStatus, Integer> byStatus = new java.util.EnumMap<>(SyncStatus.class);
      for (ArtifactId id : engine.artifacts(scope)) {
        if (!types.isEmpty() && !types.contains(id.type())) {
          continue;
        }
        TierRead read = reader.read(scope, id, failures);
        ArtifactSnapshot s = read.snapshot();
        StatusView view = view(scope, read);
        if (!read.inError() && s.overall() != null) {
          byStatus.merge(s.overall(), 1, Integer::sum);
        }
        if (!filtering || view.matchesAny(statuses) || wantErrors && view.isError()) {
          items.add(
              new ArtifactList.Item(
                  id.toString(),
                  id.type().id(),
                  id.name(),
                  view,
                  TierRead.hash(read.upstreamTree()),
                  TierRead.hash(s.collection()),
                  TierRead.hash(s.project()),
                  read.upstreamError(),
                  read.error(),
                  policy(scope, id),
                  checkedAt(read.entry()),
                  rolledBack(scope, Tier.COLLECTION, id, s.collection()),
                  rolledBack(scope, Tier.PROJECT, id, s.project())));
        }
      }
      if (types.isEmpty()) {
        metrics.update(byStatus);
      }
      return new ArtifactList(
          scope.collection().name(),
          projectDir(scope),
          items.size(),
          items,
          invalid.stream().map(TierFileProblem::of).toList());
    }
  }

  /**
   * The status of a read: the edges' statuses, or for an artifact in error {@code error} on the
   * edge whose tier file holds the bad entry.
   */
  private static StatusView view(TierScope scope, TierRead read) {
    if (!read.inError()) {
      return StatusView.of(read.snapshot());
    }
    Path manifest = scope.collection().manifestFile();
    String inManifest = messages(read, e -> manifest.equals(e.file()));
    String inTracking = messages(read, e -> !manifest.equals(e.file()));
    return StatusView.error(inManifest, inTracking);
  }

  private static String messages(TierRead read, java.util.function.Predicate<InvalidEntry> which) {
    String joined =
        read.invalid().stream().filter(which).map(InvalidEntry::message).collect(Collectors.joining("; "));
    return joined.isEmpty() ? null : joined;
  }

  /**
   * Every version of one artifact and the status of both edges.
   *
   * @throws ApiException 400 for a bad id, collection or project path; 404 when no tier has the
   *     artifact; 502 when only the upstream might, and it cannot be read
   */
  ArtifactVersions versions(String rawId, String collection, String projectPath, boolean refresh)
      throws IOException {
    ArtifactId id = ArtifactReader.artifactId(rawId);
    TierScope scope = reader.scope(collection, projectPath);
    Map<String, String> failures = new HashMap<>();
    if (refresh) {
      reader.refresh(engine.reader().manifest(scope).find(id).stream().toList(), failures);
    }
    TierRead read = reader.read(scope, id, failures).requireFound();
    TierVersions tiers = versions.read(scope, read.snapshot(), read.entry());
    return new ArtifactVersions(
        id.toString(),
        tiers.upstream(),
        tiers.collection(),
        tiers.project(),
        view(scope, read),
        read.upstreamError(),
        read.error(),
        policy(scope, id));
  }

  private RolledBack rolledBack(TierScope scope, Tier tier, ArtifactId id, ArtifactTree copy)
      throws IOException {
    return engine.reader().rolledBack(scope, tier, id, TierRead.hash(copy)).orElse(null);
  }

  private PolicyView policy(TierScope scope, ArtifactId id) throws IOException {
    return PolicyView.of(engine.reader().policy(scope, id), clock.instant());
  }

  /** When the entry's upstream repository was last fetched; null without a usable one. */
  private Instant checkedAt(ManifestArtifact entry) {
    try {
      return Optional.ofNullable(entry)
          .flatMap(ManifestArtifact::upstreamSpec)
          .flatMap(spec -> upstreams.lastFetched(spec.repository()))
          .orElse(null);
    } catch (InvalidTierFileException e) {
      // The artifact's upstream_error already says why its upstream cannot be read.
      return null;
    }
  }

  /** Parses a comma-separated filter; an unknown value is a 400 naming the field. */
  private static <T> Set<T> filter(
      String value, String field, Function<String, Optional<T>> parse, String expected) {
    Set<T> out = new LinkedHashSet<>();
    if (value == null || value.isBlank()) {
      return out;
    }
    for (String part : value.split(",")) {
      out.add(
          parse
              .apply(part.trim())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          field, field + " must be " + expected + ", got '" + part.trim() + "'")));
    }
    return out;
  }

  private static Optional<SyncStatus> syncStatus(String label) {
    return Arrays.stream(SyncStatus.values()).filter(s -> s.label().equals(label)).findFirst();
  }

  private static String projectDir(TierScope scope) {
    return scope.hasProject() ? scope.project().projectDir().toString() : null;
  }
}
