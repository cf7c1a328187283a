package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.diff.FileDiff;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.BufferedOutputStream;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds the "push upstream" patch bundle (SPEC section 5, patch export). tiersync never writes to
 * an upstream: it writes an archive the user applies and pushes.
 *
 * <p>Bundle layout (every entry name relative, without {@code .} or {@code ..} segments):
 *
 * <pre>
 * manifest.json                      what is in the bundle, hashes, trial apply, PR link
 * patches/&lt;type&gt;-&lt;name&gt;.patch        per changed artifact: a git patch from the upstream tree at
 *                                    the base commit to the project's version, paths relative to
 *                                    the repository root; {@code git apply} at that commit applies it
 * files/&lt;path in repo&gt;/&lt;file&gt;         the project's version of every added or modified file
 * </pre>
 *
 * <p>The base of an artifact is its {@code resolved_sha}, or the current head of its ref when none
 * is known (the manifest says so). Each patch is tried against the current head of the branch it is
 * meant for: the followed branch, or the default branch for a tag or commit (see {@link
 * TrialApplyResult}). The archive is written to a temp file beside {@code outputFile} and renamed
 * into place; equal inputs and clock give equal bytes. Files are streamed into the archive and
 * diffed one at a time, so a large artifact is never held in memory whole.
 *
 * <p>Thread-safe: a builder holds no state between calls.
 */
public final class PatchBundleBuilder {
  private final UpstreamCache upstream;
  private final Clock clock;
  private final FetchPolicy headFetch;
  private final GitPatchWriter writer = new GitPatchWriter();
  private final TrialApplier trialApplier;

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
    this.trialApplier = new TrialApplier(new GitProcess(gitExecutable));
  }

  /**
   * Builds the bundle for {@code inputs} and writes it to {@code outputFile}, replacing any file
   * there. Resolves each upstream's head once (fetching as the builder's policy says), and fetches
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
  public PatchBundle build(List<ArtifactPatchInput> inputs, BundleFormat format, Path outputFile)
      throws IOException {
    Objects.requireNonNull(format, "format");
    List<ArtifactPatchInput> sorted = sortedUnique(inputs);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Path target = outputFile.toAbsolutePath().normalize();
    try (ScratchDir work =
        ScratchDir.createIn(target.getParent(), "." + target.getFileName() + ".work-")) {
      UpstreamHeads heads = new UpstreamHeads(upstream, headFetch);
      Set<String> patchNames = new HashSet<>();
      List<Prepared> prepared = new ArrayList<>();
      for (ArtifactPatchInput in : sorted) {
        prepared.add(prepare(in, BundleNaming.uniquePatchName(in.artifactId(), patchNames), heads, work.path()));
      }
      List<ArtifactPatchSummary> summaries = prepared.stream().map(Prepared::summary).toList();
      TrialApply trial =
          summaries.stream()
              .map(s -> s.trialApply().status())
              .reduce(TrialApply.CLEAN, TrialApply::worse);
      String branch =
          summaries.size() == 1 ? summaries.get(0).suggestedBranch() : BundleNaming.bundleBranch(summaries);
      String prUrl = BundleNaming.bundlePrUrl(summaries, branch);
      byte[] manifest = BundleManifest.toJson(createdAt, trial, branch, prUrl, summaries);

      List<BundleArchive.Entry> entries = new ArrayList<>();
      entries.add(
          BundleArchive.Entry.file(
              EntryNames.MANIFEST,
              BundleArchive.REGULAR,
              manifest.length,
              () -> new ByteArrayInputStream(manifest),
              null));
      TreeMap<String, BundleArchive.Entry> files = new TreeMap<>(ArtifactTree::comparePaths);
      for (Prepared p : prepared) {
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
          written.sha256(),
          written.sizeBytes(),
          createdAt,
          trial,
          branch,
          prUrl,
          summaries);
    }
  }

  /** One artifact, ready to go into the archive. */
  private record Prepared(
      ArtifactPatchSummary summary, Path patchFile, List<BundleArchive.Entry> files) {}

  private Prepared prepare(
      ArtifactPatchInput in, String patchName, UpstreamHeads heads, Path work)
      throws IOException {
    UpstreamSpec spec = in.upstream();
    String url = spec.repository();
    UpstreamHeads.Heads now = heads.of(url, spec.ref());
    ResolvedRef head = now.target();
    String baseSha =
        in.baseSha() == null
            ? now.followed().commitSha()
            : upstream.resolve(url, in.baseSha(), FetchPolicy.IF_MISSING, null).commitSha();
    ArtifactTree base = upstream.readArtifact(url, baseSha, spec.path()).orElse(null);
    ArtifactTree project = in.projectVersion();
    Map<String, FileEntry> baseFiles = BundleFiles.byRepoPath(spec.path(), base);
    Map<String, FileEntry> projectFiles = BundleFiles.byRepoPath(spec.path(), project);
    TreeSet<String> paths = new TreeSet<>(ArtifactTree::comparePaths);
    paths.addAll(baseFiles.keySet());
    paths.addAll(projectFiles.keySet());

    Path patchFile = work.resolve(patchName.substring(EntryNames.PATCHES.length()));
    List<PatchedFile> changed = new ArrayList<>();
    List<TrialApplier.Section> sections = new ArrayList<>();
    List<BundleArchive.Entry> copies = new ArrayList<>();
    try (CountingOutputStream out =
        new CountingOutputStream(
            new BufferedOutputStream(Files.newOutputStream(patchFile), 1 << 16))) {
      for (String path : paths) {
        long start = out.count;
        FileEntry version = projectFiles.get(path);
        PatchedFile f = writer.write(path, baseFiles.get(path), version, out);
        if (f == null) {
          continue;
        }
        BundleArchive.Entry copy = BundleFiles.copyOf(path, version, project.isSingleFile());
        if (copy != null) {
          copies.add(copy);
          f = f.withArchiveEntry(copy.name());
        }
        changed.add(f);
        sections.add(new TrialApplier.Section(f, start, out.count - start));
      }
    }
    TrialApplyResult trial =
        changed.isEmpty()
            ? new TrialApplyResult(TrialApply.CLEAN, head.commitSha(), List.of(), List.of())
            : trialApply(url, head, patchFile, sections, work);

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
            spec.path(),
            spec.ref(),
            baseSha,
            in.baseSha() == null,
            head.refName(),
            head.commitSha(),
            base == null ? null : base.contentHash(),
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

  private static int count(List<PatchedFile> files, FileDiff.Status status) {
    return (int) files.stream().filter(f -> f.status() == status).count();
  }
}
