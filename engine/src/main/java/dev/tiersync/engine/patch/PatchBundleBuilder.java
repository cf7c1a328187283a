package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the "push upstream" patch bundle (SPEC section 5, patch export). tiersync never writes to
 * an upstream: it writes an archive the user applies and pushes.
 *
 * <p>Bundle layout (every entry name relative, without {@code .} or {@code ..} segments):
 *
 * <pre>
 * manifest.json                      what is in the bundle, hashes, merge base, trial apply, PR link
 * patches/&lt;type&gt;-&lt;name&gt;.patch        per changed artifact: a git patch against the upstream tree
 *                                    at {@code base_sha}, paths relative to the repository root
 * files/&lt;path in repo&gt;/&lt;file&gt;         every added or modified file as its patch leaves it
 * </pre>
 *
 * <p>What the patch holds depends on the {@link PatchBase}:
 *
 * <ul>
 *   <li>{@link PatchBase#LOCAL_CHANGES}: the project's changes since its merge base ({@link
 *       MergeBaseFinder} says how it is found), rebased on the current head by a three-way merge
 *       ({@link dev.tiersync.engine.merge.ArtifactMerger}, as {@code git merge-file}); the patch is
 *       made against the head. A file whose rebase conflicts keeps the project's change against
 *       the merge base as its section and is reported as a conflict of the trial apply, with the
 *       reason.
 *   <li>{@link PatchBase#UPSTREAM_HEAD}: the project's version against the artifact's {@code
 *       resolved_sha}, or the current head of its ref when none is known (the manifest says so).
 * </ul>
 *
 * <p>Each patch is tried against the current head of the branch it is meant for: the followed
 * branch, or the default branch for a tag or commit (see {@link TrialApplyResult}). The archive is
 * written to a temp file beside {@code outputFile} and renamed into place; equal inputs and clock
 * give equal bytes. Small files are diffed several at a time on all cores ({@link PatchSections}),
 * larger ones one at a time, and files are streamed into the archive while a second thread deflates
 * it, so a large artifact is never held in memory whole.
 *
 * <p>Thread-safe: a builder holds no state between calls.
 */
public final class PatchBundleBuilder {
  private final UpstreamCache upstream;
  private final Clock clock;
  private final FetchPolicy headFetch;
  private final ArtifactPatcher patcher;

  /**
   * @param upstream reads the upstream repositories (fetching them as needed); its mirrors are only
   *     read
   * @param clock gives the bundle's creation time
   */
  public PatchBundleBuilder(UpstreamCache upstream, Clock clock) {
    this(upstream, clock, FetchPolicy.ALWAYS);
  }

  /**
   * A builder that learns each upstream head with {@code headFetch}: {@link FetchPolicy#ALWAYS}
   * (the default) trial-applies against the remote's head as it is now; {@link
   * FetchPolicy#IF_MISSING} saves the round trip when the caller has just fetched.
   */
  public PatchBundleBuilder(UpstreamCache upstream, Clock clock, FetchPolicy headFetch) {
    this(upstream, clock, headFetch, "git");
  }

  /**
   * As above, with the {@code git} binary the trial apply falls back to where JGit cannot judge.
   */
  PatchBundleBuilder(
      UpstreamCache upstream, Clock clock, FetchPolicy headFetch, String gitExecutable) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.headFetch = Objects.requireNonNull(headFetch, "headFetch");
    this.patcher = new ArtifactPatcher(upstream, new TrialApplier(new GitProcess(gitExecutable)));
  }

  /**
   * Builds the bundle of {@code inputs} with patches of the kind {@code base} says and writes it to
   * {@code outputFile}, replacing any file there. Resolves each upstream's head once (fetching as the builder's policy says), and fetches
   * a base commit only if the mirror lacks it.
   *
   * @return where the bundle is, its sha256 and size, the overall trial apply, the PR link and one
   *     summary per artifact (in artifact id order)
   * @throws IllegalArgumentException if {@code inputs} is empty, names an artifact twice, holds an
   *     unsafe path, or two artifacts would write the same {@code files/} entry
   * @throws UpstreamUnavailableException (transient) if an upstream cannot be fetched or read
   * @throws UpstreamRefNotFoundException (permanent) if a ref or base commit is not upstream
   * @throws IOException if the bundle cannot be written, or a project file changed meanwhile
   */
  public PatchBundle build(
      List<ArtifactPatchInput> inputs, BundleFormat format, PatchBase base, Path outputFile)
      throws IOException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(base, "base");
    List<ArtifactPatchInput> sorted = sortedUnique(inputs);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Path target = outputFile.toAbsolutePath().normalize();
    try (ScratchDir work =
        ScratchDir.createIn(target.getParent(), "." + target.getFileName() + ".work-")) {
      UpstreamHeads heads = new UpstreamHeads(upstream, headFetch);
      Set<String> patchNames = new HashSet<>();
      List<ArtifactPatcher.Prepared> prepared = new ArrayList<>();
      for (ArtifactPatchInput in : sorted) {
        prepared.add(
            patcher.prepare(
                in,
                base,
                BundleNaming.uniquePatchName(in.artifactId(), patchNames),
                heads,
                work.path()));
      }
      List<ArtifactPatchSummary> summaries =
          prepared.stream().map(ArtifactPatcher.Prepared::summary).toList();
      TrialApply trial =
          summaries.stream()
              .map(s -> s.trialApply().status())
              .reduce(TrialApply.CLEAN, TrialApply::worse);
      String branch =
          summaries.size() == 1 ? summaries.get(0).suggestedBranch() : BundleNaming.bundleBranch(summaries);
      String prUrl = BundleNaming.bundlePrUrl(summaries, branch);
      byte[] manifest = BundleManifest.toJson(createdAt, base, trial, branch, prUrl, summaries);

      List<BundleArchive.Entry> entries = new ArrayList<>();
      entries.add(
          BundleArchive.Entry.file(
              EntryNames.MANIFEST,
              BundleArchive.REGULAR,
              manifest.length,
              () -> new ByteArrayInputStream(manifest),
              null));
      TreeMap<String, BundleArchive.Entry> files = new TreeMap<>(ArtifactTree::comparePaths);
      for (ArtifactPatcher.Prepared p : prepared) {
        if (p.patchFile() != null) {
          Path patch = p.patchFile();
          entries.add(
              BundleArchive.Entry.file(
                  p.summary().patchEntry(),
                  BundleArchive.REGULAR,
                  Files.size(patch),
                  () -> Files.newInputStream(patch),
                  null));
        }
        for (BundleArchive.Entry e : p.files()) {
          if (files.put(e.name(), e) != null) {
            throw new IllegalArgumentException(
                "two artifacts of the bundle write " + e.name() + "; export them separately");
          }
        }
      }
      entries.addAll(files.values());
      BundleArchive.Written written = BundleArchive.write(target, format, createdAt, entries);
      return new PatchBundle(
          target,
          format,
          base,
          written.sha256(),
          written.sizeBytes(),
          createdAt,
          trial,
          branch,
          prUrl,
          summaries);
    }
  }

  private static List<ArtifactPatchInput> sortedUnique(List<ArtifactPatchInput> inputs) {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("a patch bundle needs at least one artifact");
    }
    List<ArtifactPatchInput> sorted =
        inputs.stream().sorted(Comparator.comparing(ArtifactPatchInput::artifactId)).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).artifactId().equals(sorted.get(i - 1).artifactId())) {
        throw new IllegalArgumentException(
            "artifact " + sorted.get(i).artifactId() + " is listed twice");
      }
    }
    return sorted;
  }
}
