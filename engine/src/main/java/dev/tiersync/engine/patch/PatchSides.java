package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.merge.ArtifactMergeResult;
import dev.tiersync.engine.merge.ArtifactMerger;
import dev.tiersync.engine.merge.MergeConflict;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an artifact's patch turns into what, file by file, for each {@link PatchBase}: the version
 * each file's section starts from, the version it ends at, and for a file the rebase could not
 * settle, why.
 */
final class PatchSides {
  /**
   * One file of the patch.
   *
   * @param path its path from the repository root
   * @param before the version the section starts from; null when the patch adds the file
   * @param after the version the section ends at; null when the patch removes it
   * @param rebaseConflict why the local change did not rebase on the head (its section then is the
   *     change against the merge base); null when it did, or for {@link PatchBase#UPSTREAM_HEAD}
   */
  record Change(String path, FileEntry before, FileEntry after, String rebaseConflict) {}

  /**
   * An artifact's patch before it is written.
   *
   * @param againstSha the commit the patch is made against
   * @param against the artifact at {@code againstSha}; null when it was not there
   * @param mergeBase where the local changes were taken from; null for {@link
   *     PatchBase#UPSTREAM_HEAD}
   * @param changes every file that may differ, in path order
   */
  record Sides(String againstSha, ArtifactTree against, MergeBase mergeBase, List<Change> changes) {}

  private static final TextMerge.Labels LABELS =
      new TextMerge.Labels("upstream", "merge base", "project");

  private final UpstreamCache upstream;
  private final MergeBaseFinder mergeBases;

  PatchSides(UpstreamCache upstream) {
    this.upstream = upstream;
    this.mergeBases = new MergeBaseFinder(upstream);
  }

  Sides of(PatchBase base, ArtifactPatchInput in, UpstreamHeads.Heads now) throws IOException {
    return base == PatchBase.LOCAL_CHANGES ? localChanges(in, now) : upstreamHead(in, now);
  }

  /** The project against the commit the collection was last synced from (or the head). */
  private Sides upstreamHead(ArtifactPatchInput in, UpstreamHeads.Heads now) throws IOException {
    UpstreamSpec spec = in.upstream();
    String sha =
        in.baseSha() == null
            ? now.followed().commitSha()
            : upstream.resolve(spec.repository(), in.baseSha(), FetchPolicy.IF_MISSING, null)
                .commitSha();
    ArtifactTree base = upstream.readArtifact(spec.repository(), sha, spec.path()).orElse(null);
    Map<String, FileEntry> before = BundleFiles.byRepoPath(spec.path(), base);
    Map<String, FileEntry> after = BundleFiles.byRepoPath(spec.path(), in.projectVersion());
    List<Change> changes = new ArrayList<>();
    for (String path : union(before, after)) {
      changes.add(new Change(path, before.get(path), after.get(path), null));
    }
    return new Sides(sha, base, null, changes);
  }

  /**
   * The project's changes since the merge base, merged into the head's version as {@code git
   * merge-file} would ("ours" the head, "theirs" the project): a file that merges cleanly is
   * patched from the head's version to the merge; a file that conflicts is patched from the merge
   * base's version to the project's, so the patch still carries the local change (and its index
   * line names blobs upstream has, which {@code git apply --3way} uses).
   */
  private Sides localChanges(ArtifactPatchInput in, UpstreamHeads.Heads now) throws IOException {
    UpstreamSpec spec = in.upstream();
    String url = spec.repository();
    ResolvedRef head = now.target();
    MergeBase mergeBase =
        mergeBases.find(
            url,
            spec.path(),
            now.followed().commitSha(),
            in.localVersions(),
            in.baseSha(),
            head.commitSha());
    ArtifactTree project = in.projectVersion();
    ArtifactTree base = upstream.readArtifact(url, mergeBase.sha(), spec.path()).orElse(null);
    ArtifactTree atHead = upstream.readArtifact(url, head.commitSha(), spec.path()).orElse(null);
    // A side without the artifact is an empty version of it, so that a file the project added
    // is an addition and a file upstream removed a deletion, never a merge without a base.
    ArtifactTree none = project.withFiles(List.of());
    ArtifactMergeResult merge =
        new ArtifactMerger(LABELS)
            .merge(
                base == null ? none : base,
                atHead == null ? none : atHead,
                project,
                MergeStrategy.AUTO);
    ArtifactTree merged =
        merge.merged() == null ? null : merge.merged().withShape(project.isSingleFile());

    Map<String, String> conflicts = new HashMap<>();
    for (MergeConflict c : merge.conflicts()) {
      conflicts.put(
          BundleFiles.repoPath(spec.path(), project.isSingleFile(), c.path()),
          reason(c, mergeBase.sha()));
    }
    Map<String, FileEntry> fromBase = BundleFiles.byRepoPath(spec.path(), base);
    Map<String, FileEntry> fromHead = BundleFiles.byRepoPath(spec.path(), atHead);
    Map<String, FileEntry> toProject = BundleFiles.byRepoPath(spec.path(), project);
    Map<String, FileEntry> toMerged = BundleFiles.byRepoPath(spec.path(), merged);
    List<Change> changes = new ArrayList<>();
    for (String path : union(fromHead, toMerged, conflicts)) {
      String conflict = conflicts.get(path);
      changes.add(
          conflict == null
              ? new Change(path, fromHead.get(path), toMerged.get(path), null)
              : new Change(path, fromBase.get(path), toProject.get(path), conflict));
    }
    return new Sides(head.commitSha(), atHead, mergeBase, changes);
  }

  private static String reason(MergeConflict c, String mergeBaseSha) {
    String what =
        switch (c.kind()) {
          case ADD_ADD -> "added both in the project and upstream, with different content";
          case DELETE_MODIFY -> "removed on one side and changed on the other";
          case BINARY -> "changed both in the project and upstream, and is binary or a symlink";
          default -> "the project's change and upstream's change touch the same lines";
        };
    return "the rebase on the head conflicts: "
        + what
        + " since the merge base "
        + mergeBaseSha
        + "; this file's section is the project's change against the merge base (git apply"
        + " --3way merges it, or apply it by hand)";
  }

  /** The keys of {@code maps}, in path order. */
  private static TreeSet<String> union(Map<?, ?>... maps) {
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    for (Map<?, ?> m : maps) {
      for (Object key : m.keySet()) {
        paths.add((String) key);
      }
    }
    return paths;
  }
}
