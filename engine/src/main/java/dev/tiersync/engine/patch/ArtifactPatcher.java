package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.diff.FileDiff;
import dev.tiersync.engine.upstream.BlobReadSession;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Makes one artifact's part of a bundle: writes its patch file into the work folder, names the
 * project's copies of its files and trial-applies the patch against the upstream head.
 */
final class ArtifactPatcher {
  /** One artifact, ready to go into the archive. */
  record Prepared(ArtifactPatchSummary summary, Path patchFile, List<BundleArchive.Entry> files) {}

  private final UpstreamCache upstream;
  private final PatchSides sides;
  private final TrialApplier trialApplier;
  private final PatchSections sectionWriter = new PatchSections(new GitPatchWriter());

  ArtifactPatcher(UpstreamCache upstream, TrialApplier trialApplier) {
    this.upstream = upstream;
    this.sides = new PatchSides(upstream);
    this.trialApplier = trialApplier;
  }

  Prepared prepare(
      ArtifactPatchInput in, PatchBase base, String patchName, UpstreamHeads heads, Path work)
      throws IOException {
    String url = in.upstream().repository();
    UpstreamHeads.Heads now = heads.of(url, in.upstream().ref());
    ResolvedRef head = now.target();
    PatchSides.Sides plan;
    // A rebase merges three versions read out of the mirror: let them share delta bases.
    try (BlobReadSession reads = BlobReadSession.open()) {
      plan = sides.of(base, in, now);
    }
    ArtifactTree project = in.projectVersion();

    Path patchFile = work.resolve(patchName.substring(EntryNames.PATCHES.length()));
    List<PatchedFile> changed = new ArrayList<>();
    List<TrialApplier.Section> sections = new ArrayList<>();
    List<TrialIssue> rebaseConflicts = new ArrayList<>();
    List<BundleArchive.Entry> copies = new ArrayList<>();
    try (CountingOutputStream out =
        new CountingOutputStream(
            new BufferedOutputStream(Files.newOutputStream(patchFile), 1 << 16))) {
      for (PatchSections.Written w : sectionWriter.write(plan.changes(), out)) {
        PatchSides.Change c = w.change();
        PatchedFile f = w.file();
        BundleArchive.Entry copy = BundleFiles.copyOf(c.path(), c.after(), project.isSingleFile());
        if (copy != null) {
          copies.add(copy);
          f = f.withArchiveEntry(copy.name());
        }
        changed.add(f);
        if (c.rebaseConflict() == null) {
          sections.add(new TrialApplier.Section(f, w.offset(), w.length()));
        } else {
          // Made against the merge base, the section cannot be judged against the head's version.
          rebaseConflicts.add(new TrialIssue(c.path(), c.rebaseConflict()));
        }
      }
    }
    TrialApplyResult tried =
        sections.isEmpty()
            ? new TrialApplyResult(TrialApply.CLEAN, head.commitSha(), List.of(), List.of())
            : trialApply(url, head, patchFile, sections, work);
    TrialApplyResult trial = withRebaseConflicts(tried, rebaseConflicts);

    String projectHash = project.contentHash();
    String branch =
        "tiersync/"
            + EntryNames.safeName(in.artifactId().name())
            + "-"
            + projectHash.substring(0, 8);
    ArtifactPatchSummary summary =
        new ArtifactPatchSummary(
            in.artifactId(),
            url,
            in.upstream().path(),
            in.upstream().ref(),
            base,
            plan.againstSha(),
            base == PatchBase.LOCAL_CHANGES || in.baseSha() == null,
            plan.mergeBase(),
            head.refName(),
            head.commitSha(),
            plan.against() == null ? null : plan.against().contentHash(),
            projectHash,
            count(changed, FileDiff.Status.ADDED),
            count(changed, FileDiff.Status.REMOVED),
            count(changed, FileDiff.Status.MODIFIED),
            changed.isEmpty() ? null : patchName,
            changed,
            trial,
            branch,
            GitHubLinks.repository(url)
                .map(repo -> GitHubLinks.compareUrl(repo, head.refName(), branch))
                .orElse(null));
    return new Prepared(summary, changed.isEmpty() ? null : patchFile, copies);
  }

  /** The trial's outcome with the files whose rebase conflicted added, in path order. */
  private static TrialApplyResult withRebaseConflicts(
      TrialApplyResult tried, List<TrialIssue> rebaseConflicts) {
    if (rebaseConflicts.isEmpty()) {
      return tried;
    }
    List<TrialIssue> conflicts = new ArrayList<>(tried.conflicts());
    conflicts.addAll(rebaseConflicts);
    conflicts.sort(Comparator.comparing(TrialIssue::path, ArtifactTree::comparePaths));
    return new TrialApplyResult(TrialApply.CONFLICT, tried.headSha(), conflicts, tried.unchecked());
  }

  private TrialApplyResult trialApply(
      String url, ResolvedRef head, Path patchFile, List<TrialApplier.Section> sections, Path work)
      throws IOException {
    // A second, read-only handle on the mirror: the cache keeps its own Repository private, and the
    // trial stores nothing in it.
    try (Repository mirror =
            new FileRepositoryBuilder()
                .setGitDir(upstream.mirrorDir(url).toFile())
                .setBare()
                .setMustExist(true)
                .build();
        RevWalk walk = new RevWalk(mirror)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(head.commitSha()));
      return trialApplier.trial(mirror, commit, commit.getTree(), patchFile, sections, work);
    }
  }

  private static int count(List<PatchedFile> files, FileDiff.Status status) {
    return (int) files.stream().filter(f -> f.status() == status).count();
  }
}
