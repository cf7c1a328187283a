package dev.tiersync.app.artifacts;

import dev.tiersync.app.audit.AuditEntry;
import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryIntegrityException;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.versions.LineageStep;
import dev.tiersync.engine.versions.TierVersion;
import dev.tiersync.engine.versions.TierVersions;
import dev.tiersync.engine.versions.VersionReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The version timeline of an artifact, per tier. The versions come from the {@link VersionReader}'s
 * lineages (the history store's for the collection and the project, the commits that changed the
 * artifact's path upstream); the job and its starter from the audit log: a version was written by
 * the ended, applied job whose change of that artifact in that tier has it as {@code after_hash}.
 * The tier's current copy, when its hash is not the lineage's last, was edited outside tiersync.
 * Every version listed is in the history store, so a diff can name any two by hash.
 */
@Component
class ArtifactTimeline {
  /** The note of a current copy no job recorded. */
  static final String SEEN_ON_DISK = "seen on disk";

  private final ArtifactReader reader;
  private final VersionReader versions;
  private final HistoryStore history;
  private final AuditLog audit;

  ArtifactTimeline(
      ArtifactReader reader, VersionReader versions, HistoryStore history, AuditLog audit) {
    this.reader = reader;
    this.versions = versions;
    this.history = history;
    this.audit = audit;
  }

  /**
   * @throws dev.tiersync.app.api.ApiException 400 for a bad id, collection or project path; 404
   *     when no tier has the artifact
   */
  ArtifactHistory history(String rawId, String collection, String projectPath) throws IOException {
    ArtifactId id = ArtifactReader.artifactId(rawId);
    TierScope scope = reader.scope(collection, projectPath);
    TierRead read = reader.read(scope, id, new HashMap<>()).requireFound();
    ArtifactSnapshot s = read.snapshot();
    store(s.collection());
    store(s.project());
    TierVersions tiers = versions.read(scope, s, read.entry());
    String collectionName = scope.collection().name();
    List<AuditEntry> jobs =
        audit.read(id.toString(), Integer.MAX_VALUE, 0).stream()
            .filter(e -> !e.dryRun() && collectionName.equals(e.collection()))
            .toList();
    List<LineageStep> commits =
        tiers.upstream() == null ? List.of() : tiers.upstream().lineage();
    Predicate<AuditEntry> inProject =
        e -> scope.hasProject() && sameFolder(e.projectPath(), scope.project().projectDir());
    return new ArtifactHistory(
        id.toString(),
        upstream(tiers.upstream()),
        tier(id, Tier.COLLECTION, tiers.collection(), jobs, commits),
        tier(id, Tier.PROJECT, tiers.project(), jobs.stream().filter(inProject).toList(), commits));
  }

  private static List<ArtifactHistory.Entry> upstream(TierVersion v) {
    if (v == null) {
      return List.of();
    }
    return v.lineage().stream()
        .map(
            c ->
                new ArtifactHistory.Entry(
                    c.hash(), c.at(), ArtifactHistory.OUTSIDE, null, c.author(), null, c.commit(),
                    c.note()))
        .toList();
  }

  private static List<ArtifactHistory.Entry> tier(
      ArtifactId id, Tier tier, TierVersion v, List<AuditEntry> jobs, List<LineageStep> commits)
      throws IOException {
    if (v == null) {
      return List.of();
    }
    List<ArtifactHistory.Entry> out = new ArrayList<>();
    for (LineageStep step : v.lineage()) {
      Optional<LineageStep> commit = commit(commits, step.hash(), step.at());
      if (seenOnly(step.note())) {
        out.add(outside(step.hash(), step.at(), step.note(), commit));
        continue;
      }
      Optional<AuditEntry> job = writer(jobs, id, tier, step);
      out.add(
          new ArtifactHistory.Entry(
              step.hash(), step.at(), ArtifactHistory.JOB, job.map(AuditEntry::jobId).orElse(null),
              job.map(AuditEntry::startedBy).orElse(null), step.note(),
              commit.map(LineageStep::commit).orElse(null),
              commit.map(LineageStep::note).orElse(null)));
    }
    String last = v.lineage().isEmpty() ? null : v.lineage().get(v.lineage().size() - 1).hash();
    if (v.hash() != null && !v.hash().equals(last)) {
      Instant modified = VersionReader.newestModification(Path.of(v.path()));
      out.add(outside(v.hash(), modified, SEEN_ON_DISK, commit(commits, v.hash(), modified)));
    }
    return out;
  }

  private static ArtifactHistory.Entry outside(
      String hash, Instant at, String note, Optional<LineageStep> commit) {
    return new ArtifactHistory.Entry(
        hash, at, ArtifactHistory.OUTSIDE, null, null, note,
        commit.map(LineageStep::commit).orElse(null), commit.map(LineageStep::note).orElse(null));
  }

  /**
   * Whether a lineage note records a version a job found in place rather than wrote: a sync whose
   * plan was {@code none} (e.g. {@code collection_to_project none}), or a {@code resolve auto}
   * that accepted hand-resolved files.
   */
  static boolean seenOnly(String note) {
    return note.endsWith(" none") || note.equals("resolve auto");
  }

  /**
   * The job that wrote this version: among the jobs whose change of the artifact in the tier has
   * it as {@code after_hash}, the one that ran when it was recorded, else one that changed the
   * tier, else the nearest in time.
   */
  static Optional<AuditEntry> writer(
      List<AuditEntry> jobs, ArtifactId id, Tier tier, LineageStep step) {
    String artifact = id.toString();
    Comparator<AuditEntry> best =
        Comparator.<AuditEntry, Boolean>comparing(e -> !ranAt(e, step.at()))
            .thenComparing(e -> !changed(e, artifact, tier, step.hash()))
            .thenComparing(e -> distance(e, step.at()));
    return jobs.stream()
        .filter(
            e ->
                e.changes().stream()
                    .anyMatch(
                        c ->
                            artifact.equals(c.artifactId())
                                && tier.label().equals(c.tier())
                                && step.hash().equals(c.afterHash())))
        .min(best);
  }

  private static boolean ranAt(AuditEntry e, Instant at) {
    return e.createdAt() != null
        && !at.isBefore(e.createdAt())
        && (e.endedAt() == null || !at.isAfter(e.endedAt()));
  }

  private static boolean changed(AuditEntry e, String artifact, Tier tier, String hash) {
    return e.changes().stream()
        .anyMatch(
            c ->
                artifact.equals(c.artifactId())
                    && tier.label().equals(c.tier())
                    && hash.equals(c.afterHash())
                    && !Objects.equals(c.beforeHash(), c.afterHash()));
  }

  private static Duration distance(AuditEntry e, Instant at) {
    Instant t = e.endedAt() != null ? e.endedAt() : e.createdAt();
    return t == null ? Duration.ofDays(365_000) : Duration.between(t, at).abs();
  }

  /**
   * The upstream commit whose content has this hash: the newest one not after {@code at}, else the
   * oldest. {@code commits} is oldest first.
   */
  private static Optional<LineageStep> commit(List<LineageStep> commits, String hash, Instant at) {
    List<LineageStep> same = commits.stream().filter(c -> Objects.equals(c.hash(), hash)).toList();
    if (hash == null || same.isEmpty()) {
      return Optional.empty();
    }
    for (int i = same.size() - 1; i >= 0; i--) {
      if (at == null || !same.get(i).at().isAfter(at)) {
        return Optional.of(same.get(i));
      }
    }
    return Optional.of(same.get(0));
  }

  private static boolean sameFolder(String path, Path folder) {
    if (path == null || path.isBlank()) {
      return false;
    }
    try {
      return Path.of(path).toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize());
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /** Keeps a tier's current copy in the history store, so a diff can name it by hash. */
  private void store(ArtifactTree tree) throws IOException {
    if (tree == null) {
      return;
    }
    try {
      history.put(tree);
    } catch (HistoryIntegrityException e) {
      throw dev.tiersync.app.api.ApiException.conflict(
          null, "the artifact changed while it was being read; try again");
    }
  }
}
