package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.engine.status.StatusCalculator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Resolves what a sync left in conflict by taking a side per file, or accepting hand edits. */
final class ConflictResolver {
  private final TierReader reader;
  private final HistoryStore history;
  private final StatusCalculator status;
  private final AtomicArtifactWriter writer;
  private final TierRecords records;
  private final Clock clock;

  ConflictResolver(
      TierReader reader,
      HistoryStore history,
      StatusCalculator status,
      AtomicArtifactWriter writer,
      TierRecords records,
      Clock clock) {
    this.reader = reader;
    this.history = history;
    this.status = status;
    this.writer = writer;
    this.records = records;
    this.clock = clock;
  }

  /** See {@link SyncEngine#resolve}. */
  ResolveResult resolve(
      TierScope scope, Direction direction, ArtifactPlan conflicted, MergeStrategy strategy)
      throws IOException {
    return resolve(scope, direction, conflicted, strategy, true);
  }

  /**
   * {@link #resolve(TierScope, Direction, ArtifactPlan, MergeStrategy)}; with {@code
   * collectionHere} false this is a project's host resolving in its project, and the server keeps
   * the collection's snapshot and the lineage ({@link HostedProjects#resolved}).
   */
  ResolveResult resolve(
      TierScope scope, Direction direction, ArtifactPlan conflicted, MergeStrategy strategy,
      boolean collectionHere)
      throws IOException {
    SyncEdges.requireSync(direction);
    ArtifactId id = ArtifactId.parse(conflicted.artifactId());
    Path target = SyncEdges.destinationPath(scope, direction, id);
    ArtifactTree current = reader.readDisk(target);
    if (current == null) {
      return resolved(
          conflicted, Outcome.SKIPPED, "destination has no copy of the artifact", List.of(), null,
          null);
    }
    String before = history.put(current);
    SortedSet<String> conflictedPaths = new TreeSet<>(markedFiles(current));
    for (var c : conflicted.conflicts()) {
      conflictedPaths.add(c.path());
    }
    Instant now = clock.instant();
    if (strategy == MergeStrategy.AUTO && conflicted.resultHash() == null) {
      List<String> unresolved = List.copyOf(markedFiles(current));
      if (!unresolved.isEmpty()) {
        return resolved(
            conflicted, Outcome.CONFLICT, unresolved.size() + " file(s) still hold conflict markers",
            unresolved, before, before);
      }
      if (conflicted.sourceHash() != null) {
        records.afterWrite(scope, direction, id, conflicted, before, now, collectionHere);
      }
      if (collectionHere) {
        records.lineage(scope, direction, id, before, now, "resolve auto");
      }
      return resolved(
          conflicted, Outcome.MERGED, "accepted the hand-resolved files", List.of(), before, before);
    }
    if (conflictedPaths.isEmpty()) {
      return resolved(
          conflicted, Outcome.UNCHANGED, "nothing to resolve", List.of(), before, before);
    }
    boolean chosen = conflicted.resultHash() != null;
    if (chosen) {
      // The chosen result settles the files the sync's plan recorded as conflicted.
      conflictedPaths = new TreeSet<>();
      for (var c : conflicted.conflicts()) {
        conflictedPaths.add(c.path());
      }
    }
    String sideHash =
        chosen
            ? conflicted.resultHash()
            : strategy == MergeStrategy.OURS ? conflicted.destinationHash() : conflicted.sourceHash();
    ArtifactTree side = history.require(sideHash);
    java.util.Map<String, dev.tiersync.engine.content.FileEntry> files = new java.util.TreeMap<>(current.files());
    for (String path : conflictedPaths) {
      var entry = side == null ? null : side.file(path);
      if (entry == null) {
        files.remove(path);
      } else {
        files.put(path, entry);
      }
    }
    ArtifactTree resolved = files.isEmpty() ? null : current.withFiles(files.values());
    String after = resolved == null ? null : history.put(resolved);
    writer.write(
        target, resolved,
        () -> records.afterWrite(scope, direction, id, conflicted, after, now, collectionHere));
    if (collectionHere) {
      records.lineage(scope, direction, id, after, now, lineageNote(conflicted, strategy));
    }
    String tier = strategy == MergeStrategy.OURS
        ? direction.destination().label()
        : direction.source().label();
    List<String> unresolved = resolved == null ? List.of() : List.copyOf(markedFiles(resolved));
    return resolved(
        conflicted,
        unresolved.isEmpty() ? Outcome.UPDATED : Outcome.CONFLICT,
        chosen
            ? "wrote the chosen result of " + conflictedPaths.size() + " file(s)"
            : "took the " + tier + " version of " + conflictedPaths.size() + " file(s)",
        unresolved, before, after);
  }

  /** The lineage note of a resolve that wrote: its strategy, or "chosen" for a chosen result. */
  static String lineageNote(ArtifactPlan conflicted, MergeStrategy strategy) {
    return "resolve " + (conflicted.resultHash() != null ? "chosen" : strategy.label());
  }

  /**
   * The result of a resolve. It counts one modified file when the artifact's version changed: a
   * resolve reports the versions before and after, not which files it took from a side.
   */
  private static ResolveResult resolved(
      ArtifactPlan conflicted, Outcome outcome, String reason, List<String> unresolved,
      String before, String after) {
    int modified = before != null && !before.equals(after) ? 1 : 0;
    return new ResolveResult(
        new ArtifactResult(conflicted.artifactId(), outcome, reason, 0, 0, modified, before, after),
        unresolved);
  }

  /** Paths of text files holding conflict markers. */
  private List<String> markedFiles(ArtifactTree tree) {
    List<String> out = new java.util.ArrayList<>();
    for (var e : tree.files().values()) {
      if (status.hasMarkers(e)) {
        out.add(e.path());
      }
    }
    return out;
  }
}
