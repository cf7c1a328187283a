package dev.tiersync.app.resolve;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.diff.ContentKind;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.merge.FrontMatterMerge;
import dev.tiersync.engine.merge.FrontMatterRules;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.MergeStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Turns a resolve's chosen files into a stored version: the conflicted files' results, and nothing
 * else, put in the history store, so that the resolve job carries its hash only ({@link
 * ArtifactPlan#resultHash()}) and writes those files in the destination (a file the result lacks is
 * removed there).
 */
@Component
class ChosenResults {
  private final HistoryStore history;
  private final ConflictVersions versions;

  ChosenResults(HistoryStore history, ConflictVersions versions) {
    this.history = history;
    this.versions = versions;
  }

  /**
   * The conflicted plan with the chosen result stored and named.
   *
   * @param choices path → choice for some or all of the plan's conflicted files
   * @param rest the artifact's strategy, for conflicted files without a choice: {@code ours} or
   *     {@code theirs} (with {@code auto} every conflicted file needs a choice)
   * @param field the request field of this artifact's choices, {@code files.<id>}
   */
  ArtifactPlan store(
      ArtifactPlan plan, Map<String, ResolveRequest.FileChoice> choices, MergeStrategy rest, String field) {
    if (plan.destinationHash() == null && plan.sourceHash() == null) {
      throw ApiException.conflict(
          field, "no conflicted sync of " + plan.artifactId() + " is recorded, so there is nothing to choose from");
    }
    List<String> conflicted = plan.conflicts().stream().map(FileConflict::path).toList();
    for (String path : choices.keySet()) {
      if (!conflicted.contains(path)) {
        throw ApiException.badRequest(
            field + "." + path,
            path + " is not a conflicted file of " + plan.artifactId() + "; conflicted: "
                + String.join(", ", conflicted));
      }
    }
    ConflictVersions.Versions v = versions.of(plan, field);
    ArtifactType type = ArtifactId.parse(plan.artifactId()).type();
    List<FileEntry> result = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String path : conflicted) {
      ResolveRequest.FileChoice choice = choices.get(path);
      FileEntry entry;
      if (choice == null) {
        if (rest == MergeStrategy.AUTO) {
          missing.add(path);
          continue;
        }
        entry = rest == MergeStrategy.OURS ? v.ours(path) : v.theirs(path);
      } else {
        entry = chosen(type, path, choice, v, field + "." + path);
      }
      if (entry != null) {
        result.add(entry);
      }
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest(
          field, "no result chosen for " + String.join(", ", missing)
              + "; choose one for every conflicted file, or give the artifact the strategy ours or theirs for the rest");
    }
    try {
      return plan.withResultHash(history.put(ArtifactTree.folder(result)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the chosen result of " + plan.artifactId(), e);
    }
  }

  private static FileEntry chosen(
      ArtifactType type, String path, ResolveRequest.FileChoice choice, ConflictVersions.Versions v,
      String field) {
    FileEntry b = v.base(path);
    FileEntry o = v.ours(path);
    FileEntry t = v.theirs(path);
    boolean hasStrategy = choice.strategy() != null;
    if (hasStrategy == (choice.content() != null)) {
      throw ApiException.badRequest(field, "give " + path + " a strategy or a content, not both or neither");
    }
    if (choice.content() != null) {
      byte[] bytes = choice.content().getBytes(StandardCharsets.UTF_8);
      if (ContentKind.hasConflictMarkers(bytes)) {
        throw ApiException.badRequest(
            field + ".content", path + " still holds conflict markers; remove them before resolving");
      }
      valid(type, path, bytes, field + ".content", b, o, t);
      FileEntry like = o != null ? o : t;
      FileMode mode = like == null || like.mode() == FileMode.SYMLINK ? FileMode.REGULAR : like.mode();
      return ArtifactMerger.inMemory(path, mode, bytes);
    }
    switch (choice.strategy().trim().toLowerCase(Locale.ROOT)) {
      case "ours":
        return o;
      case "theirs":
        return t;
      case "union":
        if (o == null || t == null || !ConflictVersions.text(b, o, t)) {
          throw ApiException.badRequest(
              field + ".strategy",
              "union needs " + path + " as text on both sides; choose ours or theirs");
        }
        byte[] union = union(type, path, b, o, t, field + ".strategy");
        valid(type, path, union, field + ".strategy", b, o, t);
        return ArtifactMerger.inMemory(path, o.mode(), union);
      default:
        throw ApiException.badRequest(
            field + ".strategy", "'" + choice.strategy() + "' is not a file strategy; use ours, theirs or union");
    }
  }

  /**
   * Both sides of every conflict, ours first: for a file whose front matter the sync merged key by
   * key, its keys as merged and the body's union (a key changed two ways cannot be united).
   */
  private static byte[] union(
      ArtifactType type, String path, FileEntry b, FileEntry o, FileEntry t, String field) {
    byte[] base = ConflictVersions.bytes(b);
    byte[] ours = ConflictVersions.bytes(o);
    byte[] theirs = ConflictVersions.bytes(t);
    if (FrontMatterRules.applies(type, path)) {
      try {
        byte[] byKey = FrontMatterMerge.union(base, ours, theirs);
        if (byKey != null) {
          return byKey;
        }
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(field, "union cannot settle " + path + ": " + e.getMessage() + "; choose hunk by hunk");
      }
    }
    return TextMerge.union(base, ours, theirs);
  }

  /** Refuses a result Claude Code would not read (its front matter), as the sync's merge does. */
  private static void valid(
      ArtifactType type, String path, byte[] content, String field, FileEntry... versions) {
    // Checked as the sync's merge checks it: when a version has front matter, the result must too.
    boolean checked = FrontMatterRules.applies(type, path)
        && Stream.of(versions)
            .anyMatch(e -> e != null && FrontMatterMerge.hasFrontMatter(ConflictVersions.bytes(e)));
    String problem = checked ? FrontMatterRules.problem(type, path, content) : null;
    if (problem != null) {
      throw ApiException.badRequest(field, "the chosen result is not a valid artifact file: " + problem);
    }
  }
}
