package dev.tiersync.activities;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.ProjectAddress;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.patch.ArtifactPatchInput;
import dev.tiersync.engine.patch.ArtifactPatchSummary;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.patch.LocalVersions;
import dev.tiersync.engine.patch.LocalVersionsReader;
import dev.tiersync.engine.patch.PatchBase;
import dev.tiersync.engine.patch.PatchBundle;
import dev.tiersync.engine.patch.PatchBundleBuilder;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.workflows.ErrorTypes;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.patch.HostedPatchInput;
import dev.tiersync.workflows.patch.PatchActivities;
import dev.tiersync.workflows.patch.PatchInput;
import dev.tiersync.workflows.patch.PatchOutput;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patch export activity: builds the bundle file of a patch job in the data dir, from a
 * project on the server or from what the agent of a project's host read (docs/agents.md).
 */
public final class PatchActivitiesImpl implements PatchActivities {
  private final SyncEngine engine;
  private final ScopeResolver scopes;
  private final PatchBundleBuilder builder;
  private final LocalVersionsReader localVersions;
  private final Path patchesDir;

  public PatchActivitiesImpl(
      SyncEngine engine, ScopeResolver scopes, PatchBundleBuilder builder, LocalVersionsReader localVersions,
      Path patchesDir) {
    this.engine = engine;
    this.scopes = scopes;
    this.builder = builder;
    this.localVersions = localVersions;
    this.patchesDir = patchesDir;
  }

  /** Where a patch job's bundle is written; the download endpoint serves it from here. */
  public static Path bundlePath(Path patchesDir, String jobId, BundleFormat format) {
    return patchesDir.resolve(jobId + "." + format.id());
  }

  @Override
  public PatchOutput build(PatchInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      TierScope scope = scopes.resolve(req.collection(), req.projectPath());
      if (!scope.hasProject()) {
        throw ApplicationFailure.newNonRetryableFailure("a patch export needs project_path", ErrorTypes.VALIDATION);
      }
      return export(req, scope, new ProjectCopies() {
        @Override
        public ArtifactTree version(ArtifactId id) throws IOException {
          return engine.reader().project(scope, id);
        }

        @Override
        public LocalVersions localVersions(ArtifactId id, ArtifactTree project) throws IOException {
          return localVersions.read(scope, id, project);
        }
      });
    });
  }

  @Override
  public PatchOutput buildHosted(HostedPatchInput input) {
    JobRequest req = input.request();
    return JobLogContext.call(req, () -> {
      ProjectAddress address = ProjectAddress.parse(req.projectPath());
      if (address == null || !address.onHost()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "a hosted patch export needs project_path host:path, got '" + req.projectPath() + "'",
            ErrorTypes.VALIDATION);
      }
      // The server's scope holds the collection only: the project's folder is on its host.
      TierScope scope = scopes.resolve(req.collection(), null);
      Map<String, ProjectSide> sides = new HashMap<>();
      input.sides().forEach(side -> sides.put(side.artifactId(), side));
      return export(req, scope, new ProjectCopies() {
        @Override
        public ArtifactTree version(ArtifactId id) throws IOException {
          ProjectSide side = side(id);
          return side.projectHash() == null ? null : engine.history().require(side.projectHash());
        }

        @Override
        public LocalVersions localVersions(ArtifactId id, ArtifactTree project) throws IOException {
          return localVersions.read(scope, id, address.toString(), side(id), project);
        }

        private ProjectSide side(ArtifactId id) {
          ProjectSide side = sides.get(id.toString());
          if (side == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                "host '" + address.host() + "' did not read " + id, ErrorTypes.VALIDATION);
          }
          if (side.error() != null) {
            throw ApplicationFailure.newNonRetryableFailure(
                id + " in " + address + ": " + side.error(), ErrorTypes.VALIDATION);
          }
          return side;
        }
      });
    });
  }

  /** Where a patch job's project versions come from: its folder here, or what its host read. */
  private interface ProjectCopies {
    /** The project's version of {@code id}, or null when the project has none. */
    ArtifactTree version(ArtifactId id) throws IOException;

    /** The versions a {@code local_changes} patch finds its merge base from. */
    LocalVersions localVersions(ArtifactId id, ArtifactTree project) throws IOException;
  }

  /** Builds the request's bundle from the collection of {@code scope} and the project's copies. */
  private PatchOutput export(JobRequest req, TierScope scope, ProjectCopies copies) throws Exception {
    PatchBase base = patchBase(req);
    CollectionManifest manifest = engine.reader().manifest(scope);
    List<ArtifactPatchInput> inputs = new ArrayList<>();
    for (String raw : req.artifactIds()) {
      ArtifactId id = ArtifactId.parse(raw);
      ManifestArtifact entry = manifest.find(id).orElse(null);
      UpstreamSpec spec = entry == null ? null : entry.upstreamSpec().orElse(null);
      if (spec == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            id + " has no upstream in collection.toml, so there is nothing to patch", ErrorTypes.VALIDATION);
      }
      ArtifactTree project = copies.version(id);
      if (project == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            "project " + req.projectPath() + " has no copy of " + id, ErrorTypes.VALIDATION);
      }
      inputs.add(
          new ArtifactPatchInput(
              id, spec, entry.resolvedSha(), project,
              base == PatchBase.LOCAL_CHANGES ? copies.localVersions(id, project) : null));
    }
    BundleFormat format = BundleFormat.fromId(req.format());
    Files.createDirectories(patchesDir);
    Path out = bundlePath(patchesDir, req.jobId(), format);
    PatchBundle bundle =
        KeepAlive.during(
            "export " + inputs.size() + " artifact(s)", () -> builder.build(inputs, format, base, out));
    return output(req, bundle);
  }

  private static PatchBase patchBase(JobRequest req) {
    try {
      return PatchBase.fromId(req.patchBase());
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), ErrorTypes.VALIDATION);
    }
  }

  private static PatchOutput output(JobRequest req, PatchBundle bundle) {
    Map<String, String> result = new LinkedHashMap<>();
    result.put("download_url", "/api/v1/sync/patches/" + req.jobId() + "/bundle");
    result.put("file_name", "tiersync-patch-" + req.jobId() + "." + bundle.format().id());
    result.put("format", bundle.format().id());
    result.put("base", bundle.base().id());
    result.put("sha256", bundle.sha256());
    result.put("size_bytes", Long.toString(bundle.sizeBytes()));
    result.put("trial_apply", bundle.trialApply().label());
    if (bundle.githubPrUrl() != null) {
      result.put("github_pr_url", bundle.githubPrUrl());
    }
    if (bundle.suggestedBranch() != null) {
      result.put("suggested_branch", bundle.suggestedBranch());
    }
    List<ArtifactResult> artifacts = new ArrayList<>();
    List<String> log = new ArrayList<>();
    for (ArtifactPatchSummary s : bundle.artifacts()) {
      String trial = s.trialApply().status().label();
      artifacts.add(
          new ArtifactResult(
              s.artifactId().toString(),
              s.changed() ? Outcome.UPDATED : Outcome.UNCHANGED,
              s.changed() ? "trial apply against upstream head: " + trial : unchangedReason(s),
              s.filesAdded(), s.filesRemoved(), s.filesModified(), s.baseHash(), s.projectHash()));
      log.add(s.artifactId() + ": " + (s.filesAdded() + s.filesRemoved() + s.filesModified()) + " file(s) against "
          + shortSha(s.baseSha())
          + (s.mergeBase() == null ? "" : " (local changes since " + shortSha(s.mergeBase().sha()) + ")")
          + ", trial apply on " + shortSha(s.headSha()) + ": " + trial);
    }
    log.add("bundle " + result.get("file_name") + ": " + bundle.sizeBytes() + " bytes, sha256 " + bundle.sha256());
    return new PatchOutput(result, artifacts, log);
  }

  private static String unchangedReason(ArtifactPatchSummary s) {
    return s.mergeBase() == null
        ? "no changes against the upstream base"
        : "no local changes to push: the project holds nothing upstream's head lacks since the merge base "
            + shortSha(s.mergeBase().sha());
  }

  private static String shortSha(String sha) {
    return sha == null ? "?" : sha.substring(0, Math.min(10, sha.length()));
  }
}
