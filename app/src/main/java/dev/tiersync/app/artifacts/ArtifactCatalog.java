package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.upstream.CommitInfo;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
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

/** Answers the artifacts list and the versions of one artifact. */
@Component
class ArtifactCatalog {
  /** How far back {@code behind} counts; the path filter walks history, so it is bounded. */
  static final int MAX_BEHIND = 200;

  /** How many upstream commits the upstream lineage shows. */
  static final int UPSTREAM_LINEAGE = 20;

  private final ArtifactReader reader;
  private final SyncEngine engine;
  private final HistoryStore history;
  private final UpstreamCache upstreams;
  private final ArtifactStatusMetrics metrics;

  ArtifactCatalog(
      ArtifactReader reader,
      SyncEngine engine,
      HistoryStore history,
      UpstreamCache upstreams,
      ArtifactStatusMetrics metrics) {
    this.reader = reader;
    this.engine = engine;
    this.history = history;
    this.upstreams = upstreams;
    this.metrics = metrics;
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
                read.error()));
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
    ArtifactSnapshot s = read.snapshot();
    UpstreamVersion u = s.upstream();
    List<CommitInfo> changes =
        u == null ? List.of() : pathHistory(u, u.head().commitSha()).orElse(List.of());
    return new ArtifactVersions(
        id.toString(),
        u == null ? null : upstream(u, changes),
        s.collection() == null ? null : collection(scope, id, read, changes),
        s.project() == null ? null : project(scope, id, s),
        view(scope, read),
        read.upstreamError(),
        read.error());
  }

  private ArtifactVersions.TierVersion upstream(UpstreamVersion u, List<CommitInfo> changes) {
    List<ArtifactVersions.LineageStep> lineage = new ArrayList<>();
    for (CommitInfo c : changes.subList(0, Math.min(UPSTREAM_LINEAGE, changes.size()))) {
      lineage.add(
          0,
          new ArtifactVersions.LineageStep(
              upstreamHash(u, c.sha()), c.commitTime(), c.shortMessage(), c.sha()));
    }
    return new ArtifactVersions.TierVersion(
        TierRead.hash(u.tree()),
        u.head().commitTime(),
        u.spec().repository(),
        u.spec().path(),
        u.head().refName(),
        u.head().commitSha(),
        lineage,
        null,
        null);
  }

  private ArtifactVersions.TierVersion collection(
      TierScope scope, ArtifactId id, TierRead read, List<CommitInfo> changes) throws IOException {
    ArtifactSnapshot s = read.snapshot();
    ManifestArtifact entry = read.entry();
    Path path = scope.collection().artifactPath(id);
    UpstreamVersion u = s.upstream();
    Instant recorded = entry == null ? null : entry.lastUpdated();
    return new ArtifactVersions.TierVersion(
        TierRead.hash(s.collection()),
        recorded != null ? recorded : newestModification(path),
        scope.collection().name(),
        path.toString(),
        entry == null ? null : entry.resolvedVersion(),
        entry == null ? null : entry.resolvedSha(),
        lineage(LineageKey.collection(id, scope.collection().name())),
        u == null ? null : TierRead.hash(u.baseTree()),
        u == null ? null : behind(u, changes));
  }

  private ArtifactVersions.TierVersion project(TierScope scope, ArtifactId id, ArtifactSnapshot s)
      throws IOException {
    Path dir = scope.project().projectDir();
    Path path = scope.project().artifactPath(id);
    Optional<DeployedArtifact> deployed = engine.reader().tracking(scope).find(id);
    return new ArtifactVersions.TierVersion(
        TierRead.hash(s.project()),
        deployed.isPresent() ? deployed.get().deployedAt() : newestModification(path),
        dir.toString(),
        path.toString(),
        null,
        null,
        lineage(LineageKey.project(id, dir)),
        TierRead.hash(s.projectBase()),
        null);
  }

  private List<ArtifactVersions.LineageStep> lineage(LineageKey key) throws IOException {
    return history.lineage(key).stream()
        .map(e -> new ArtifactVersions.LineageStep(e.contentHash(), e.at(), e.note(), null))
        .toList();
  }

  /**
   * Up to {@link #MAX_BEHIND} commits reachable from {@code commitSha} that changed the artifact's
   * path, newest first; empty when the repository cannot say (e.g. the commit was force-pushed
   * away).
   */
  private Optional<List<CommitInfo>> pathHistory(UpstreamVersion u, String commitSha) {
    try {
      return Optional.of(
          upstreams.history(
              u.spec().repository(),
              commitSha,
              u.spec().path(),
              MAX_BEHIND,
              FetchPolicy.IF_MISSING,
              null));
    } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code git rev-list --count <resolved_sha>..<head> -- <path>}, as far as the bounded walks
   * reach; null without a {@code resolved_sha} or when the repository no longer has it.
   */
  private Integer behind(UpstreamVersion u, List<CommitInfo> changes) {
    String base = u.baseSha();
    if (base == null || base.isBlank()) {
      return null;
    }
    if (base.equals(u.head().commitSha())) {
      return 0;
    }
    return pathHistory(u, base)
        .map(
            known -> {
              Set<String> seen = known.stream().map(CommitInfo::sha).collect(Collectors.toSet());
              return (int) changes.stream().filter(c -> !seen.contains(c.sha())).count();
            })
        .orElse(null);
  }

  private String upstreamHash(UpstreamVersion u, String commitSha) {
    try {
      return upstreams
          .readArtifact(u.spec().repository(), commitSha, u.spec().path())
          .map(ArtifactTree::contentHash)
          .orElse(null);
    } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
      return null;
    }
  }

  /** The newest modification time of the artifact's files (not following links), or null. */
  static Instant newestModification(Path artifact) throws IOException {
    if (!Files.exists(artifact, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Instant[] newest = {null};
    Files.walkFileTree(
        artifact,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
            return !dir.equals(artifact)
                    && ExcludedPaths.isExcludedFolder(dir.getFileName().toString())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
            Instant t = a.lastModifiedTime().toInstant();
            if (!ExcludedPaths.isExcludedFile(file.getFileName().toString())
                && (newest[0] == null || t.isAfter(newest[0]))) {
              newest[0] = t;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return newest[0];
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
