package dev.tiersync.engine.versions;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.LineageKey;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.sync.UpstreamVersion;
import dev.tiersync.engine.tier.DeployedArtifact;
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
import java.util.List;
import java.util.Optional;

/**
 * Reads the version an artifact has in each tier of a snapshot: its hash, when the tier got it,
 * where it lives, its lineage (the history store's for the collection and project, the commits
 * that changed its path for upstream), the merge base of the edge into the tier, and how many
 * upstream commits the collection is behind (on both the upstream and the collection version), and
 * the tier's rollback while it still holds the version the rollback wrote. Upstream history is read from the mirror ({@link
 * FetchPolicy#IF_MISSING}); what the mirror cannot answer is left unknown rather than failing.
 */
public final class VersionReader {
  /** How many upstream commits the upstream lineage shows. */
  static final int UPSTREAM_LINEAGE = 20;

  private final TierReader tiers;
  private final HistoryStore history;
  private final UpstreamCache upstreams;

  public VersionReader(TierReader tiers, HistoryStore history, UpstreamCache upstreams) {
    this.tiers = tiers;
    this.history = history;
    this.upstreams = upstreams;
  }

  /**
   * The artifact's version in each tier the snapshot has it in.
   *
   * @param entry the artifact's {@code collection.toml} entry, or null when it has none (or it is
   *     in error): then the collection's timestamp is its newest file modification
   * @throws IOException if the history store or the project's tracking file cannot be read
   */
  public TierVersions read(TierScope scope, ArtifactSnapshot snapshot, ManifestArtifact entry)
      throws IOException {
    UpstreamVersion u = snapshot.upstream();
    List<CommitInfo> changes =
        u == null ? List.of() : pathHistory(u, u.head().commitSha()).orElse(List.of());
    Integer behind = u == null ? null : behind(u);
    return new TierVersions(
        u == null ? null : upstream(u, changes, behind),
        snapshot.collection() == null ? null : collection(scope, snapshot, entry, behind),
        snapshot.project() == null ? null : project(scope, snapshot));
  }

  private TierVersion upstream(UpstreamVersion u, List<CommitInfo> changes, Integer behind)
      throws IOException {
    List<LineageStep> lineage = new ArrayList<>();
    for (CommitInfo c : changes.subList(0, Math.min(UPSTREAM_LINEAGE, changes.size()))) {
      lineage.add(
          0,
          new LineageStep(
              upstreamHash(u, c.sha()), c.commitTime(), c.shortMessage(), c.sha(), c.author()));
    }
    return new TierVersion(
        hash(u.tree()),
        u.head().commitTime(),
        u.spec().repository(),
        u.spec().path(),
        u.head().refName(),
        u.head().commitSha(),
        lineage,
        null,
        behind,
        upstreams.lastFetched(u.spec().repository()).orElse(null),
        null);
  }

  private TierVersion collection(
      TierScope scope, ArtifactSnapshot s, ManifestArtifact entry, Integer behind)
      throws IOException {
    ArtifactId id = s.id();
    Path path = scope.collection().artifactPath(id);
    UpstreamVersion u = s.upstream();
    Instant recorded = entry == null ? null : entry.lastUpdated();
    return new TierVersion(
        hash(s.collection()),
        recorded != null ? recorded : newestModification(path),
        scope.collection().name(),
        path.toString(),
        entry == null ? null : entry.resolvedVersion(),
        entry == null ? null : entry.resolvedSha(),
        lineage(LineageKey.collection(id, scope.collection().name())),
        u == null ? null : hash(u.baseTree()),
        behind,
        null,
        tiers.rolledBack(scope, Tier.COLLECTION, id, hash(s.collection())).orElse(null));
  }

  private TierVersion project(TierScope scope, ArtifactSnapshot s) throws IOException {
    ArtifactId id = s.id();
    Path dir = scope.project().projectDir();
    Path path = scope.project().artifactPath(id);
    Optional<DeployedArtifact> deployed = tiers.tracking(scope).find(id);
    return new TierVersion(
        hash(s.project()),
        deployed.isPresent() ? deployed.get().deployedAt() : newestModification(path),
        dir.toString(),
        path.toString(),
        null,
        null,
        lineage(LineageKey.project(id, dir)),
        hash(s.projectBase()),
        null,
        null,
        tiers.rolledBack(scope, Tier.PROJECT, id, hash(s.project())).orElse(null));
  }

  private List<LineageStep> lineage(LineageKey key) throws IOException {
    return history.lineage(key).stream()
        .map(e -> new LineageStep(e.contentHash(), e.at(), e.note()))
        .toList();
  }

  /**
   * Up to {@link #UPSTREAM_LINEAGE} commits reachable from {@code commitSha} that changed the
   * artifact's path, newest first; empty when the repository cannot say (e.g. the commit was
   * force-pushed away).
   */
  private Optional<List<CommitInfo>> pathHistory(UpstreamVersion u, String commitSha) {
    try {
      return Optional.of(
          upstreams.history(
              u.spec().repository(),
              commitSha,
              u.spec().path(),
              UPSTREAM_LINEAGE,
              FetchPolicy.IF_MISSING,
              null));
    } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code git rev-list --count <resolved_sha>..<head> -- <path>}, read from the mirror the
   * snapshot was resolved against; null without a {@code resolved_sha} or when the repository
   * cannot say (it no longer has that commit, or cannot be read).
   */
  private Integer behind(UpstreamVersion u) {
    String base = u.baseSha();
    if (base == null || base.isBlank()) {
      return null;
    }
    try {
      return upstreams
          .commitsBetween(u.spec().repository(), base, u.head().commitSha(), u.spec().path(), 0, null)
          .total();
    } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
      return null;
    }
  }

  /**
   * The artifact's content hash at an upstream commit, stored in the history store so that a diff
   * can name it by hash (e.g. two entries of the timeline); null when the commit deleted it.
   */
  private String upstreamHash(UpstreamVersion u, String commitSha) throws IOException {
    Optional<ArtifactTree> tree;
    try {
      tree = upstreams.readArtifact(u.spec().repository(), commitSha, u.spec().path());
    } catch (UpstreamUnavailableException | UpstreamRefNotFoundException e) {
      return null;
    }
    return tree.isEmpty() ? null : history.put(tree.get());
  }

  private static String hash(ArtifactTree tree) {
    return tree == null ? null : tree.contentHash();
  }

  /** The newest modification time of the artifact's files (not following links), or null. */
  public static Instant newestModification(Path artifact) throws IOException {
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
}
