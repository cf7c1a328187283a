package dev.tiersync.engine.patch;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitFileModes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}: snake_case keys in a fixed order, two-space indent and {@code \n} line
 * ends on every platform, so the same bundle gives the same bytes.
 */
final class BundleManifest {
  /** Version of the manifest layout; raised on incompatible changes. */
  static final int FORMAT_VERSION = 1;

  private static final String HOW_TO_APPLY =
      "In a clone of the upstream repository: git checkout -b <suggested_branch> <base_sha>,"
          + " then git apply <extracted bundle>/<patch> (each patch's paths are relative to the"
          + " repository root), commit, push the branch and open github_pr_url.";

  private static final String UPSTREAM_HEAD_FILES =
      " files/ holds the project's version of every added or modified file.";

  private static final String LOCAL_CHANGES_FILES =
      " Each patch holds only the project's changes since merge_base_sha, rebased on base_sha"
          + " (the head). A file listed in trial_apply.conflicts did not rebase cleanly: its"
          + " section is the project's change against merge_base_sha, which git apply --3way"
          + " merges leaving conflict markers to settle (or leave it out with --exclude=<path>)."
          + " files/ holds every added or modified file as its patch leaves it.";

  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .writer(
              new DefaultPrettyPrinter()
                  .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                  .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  record Manifest(
      int formatVersion,
      String generator,
      String createdAt,
      String base,
      String trialApply,
      String suggestedBranch,
      String githubPrUrl,
      String howToApply,
      List<Artifact> artifacts) {}

  record Artifact(
      String artifactId,
      String upstreamUrl,
      String pathInRepo,
      String ref,
      String baseSha,
      String baseShaSource,
      String baseNote,
      String mergeBaseSha,
      String mergeBaseSource,
      String mergeBaseHash,
      String headRef,
      String headSha,
      String baseHash,
      String projectHash,
      int filesAdded,
      int filesRemoved,
      int filesModified,
      String patch,
      List<File> files,
      Trial trialApply,
      String suggestedBranch,
      String githubPrUrl) {}

  record File(
      String path,
      String status,
      String oldMode,
      String newMode,
      boolean binary,
      int linesAdded,
      int linesRemoved,
      String sha256,
      String copy) {}

  record Trial(
      String result, String headSha, List<TrialIssue> conflicts, List<TrialIssue> unchecked) {}

  private BundleManifest() {}

  /** The manifest of a bundle, as UTF-8 JSON ending in a newline. */
  static byte[] toJson(
      Instant createdAt,
      PatchBase base,
      TrialApply trialApply,
      String suggestedBranch,
      String githubPrUrl,
      List<ArtifactPatchSummary> artifacts) {
    Manifest m =
        new Manifest(
            FORMAT_VERSION,
            "tiersync",
            createdAt.toString(),
            base.id(),
            trialApply.label(),
            suggestedBranch,
            githubPrUrl,
            HOW_TO_APPLY
                + (base == PatchBase.LOCAL_CHANGES ? LOCAL_CHANGES_FILES : UPSTREAM_HEAD_FILES),
            artifacts.stream().map(BundleManifest::artifact).toList());
    try {
      return (WRITER.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write manifest.json", e);
    }
  }

  private static Artifact artifact(ArtifactPatchSummary a) {
    TrialApplyResult t = a.trialApply();
    MergeBase m = a.mergeBase();
    return new Artifact(
        a.artifactId().toString(),
        a.upstreamUrl(),
        a.pathInRepo(),
        a.ref(),
        a.baseSha(),
        a.baseIsHead() ? "head" : "resolved_sha",
        baseNote(a),
        m == null ? null : m.sha(),
        m == null ? null : m.source().label(),
        m == null ? null : m.contentHash(),
        a.headRef(),
        a.headSha(),
        a.baseHash(),
        a.projectHash(),
        a.filesAdded(),
        a.filesRemoved(),
        a.filesModified(),
        a.patchEntry(),
        a.files().stream().map(BundleManifest::file).toList(),
        new Trial(t.status().label(), t.headSha(), t.conflicts(), t.unchecked()),
        a.suggestedBranch(),
        a.githubPrUrl());
  }

  private static String baseNote(ArtifactPatchSummary a) {
    if (a.mergeBase() != null) {
      return "the project's changes since merge_base_sha, rebased on the head of "
          + a.headRef()
          + " by a three-way merge; merge_base_sha is "
          + switch (a.mergeBase().source()) {
            case PROJECT -> "the newest upstream version the project has held";
            case DEPLOYED_FROM ->
                "the upstream version the project was last synced from (it held none itself)";
            case COLLECTION ->
                "the newest upstream version the collection has held (nothing closer to the"
                    + " project was found)";
            case RESOLVED_SHA ->
                "the commit the collection was last synced from (neither held an upstream"
                    + " version)";
            case HEAD -> "the head itself (nothing else was known): the patch is the project"
                + " against it";
          };
    }
    return a.baseIsHead()
        ? "no resolved_sha was recorded: the patch is made against the current head of "
            + a.headRef()
        : null;
  }

  private static File file(PatchedFile f) {
    return new File(
        f.path(),
        f.status().label(),
        mode(f.oldMode()),
        mode(f.newMode()),
        f.binary(),
        f.linesAdded(),
        f.linesRemoved(),
        f.sha256(),
        f.archiveEntry());
  }

  private static String mode(FileMode m) {
    return m == null ? null : GitFileModes.octal(m);
  }
}
