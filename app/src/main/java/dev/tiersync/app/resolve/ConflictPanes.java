package dev.tiersync.app.resolve;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobViews;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.diff.GitLineDiffs;
import dev.tiersync.engine.merge.FrontMatterMerge;
import dev.tiersync.engine.merge.FrontMatterRules;
import dev.tiersync.engine.merge.TextMerge;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The three panes of a conflicted artifact: base, ours and theirs of each conflicted file, read
 * from the history store by the hashes the sync's plan recorded, and the hunks of the engine's own
 * merge ({@link TextMerge#hunks}, or for a file whose front matter the sync merged key by key,
 * {@link FrontMatterMerge#pieces}: one conflict per key changed two ways).
 */
@Component
class ConflictPanes {
  private final JobStore store;
  private final JobViews views;
  private final ConflictVersions versions;
  private final long maxBytes;

  ConflictPanes(
      JobStore store, JobViews views, ConflictVersions versions, TiersyncProperties properties) {
    this.store = store;
    this.views = views;
    this.versions = versions;
    this.maxBytes = properties.sync().diffPreviewMax().toBytes();
  }

  /** The sync job's conflicted plan of an artifact, and the job's direction. */
  record Conflict(String jobId, Direction direction, ArtifactPlan plan) {}

  /**
   * @param projectPath for a job to several projects, the project whose conflict to show (null:
   *     the first)
   */
  Conflict find(String jobId, String rawArtifactId, String projectPath) {
    String artifactId;
    try {
      artifactId = ArtifactId.parse(rawArtifactId).toString();
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest("artifact_id", e.getMessage());
    }
    JobRecord rec =
        store.find(jobId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "job_id", "no job " + jobId));
    if (!"sync".equals(rec.kind())) {
      throw ApiException.badRequest(
          "job_id", "job " + jobId + " is a " + rec.kind() + " job; only sync jobs have conflicts");
    }
    JobRequest request = views.request(rec);
    JobSnapshot snapshot = views.snapshot(rec);
    for (ArtifactPlan p : snapshot == null ? List.<ArtifactPlan>of() : snapshot.plans()) {
      if (p.action() == PlanAction.CONFLICT && artifactId.equals(p.artifactId())
          && (projectPath == null || p.projectPath() == null || Objects.equals(projectPath, p.projectPath()))) {
        return new Conflict(jobId, request.direction(), p);
      }
    }
    throw new ApiException(
        HttpStatus.NOT_FOUND, "artifact_id", artifactId + " did not conflict in job " + jobId);
  }

  ConflictPanesView view(String jobId, String rawArtifactId, String projectPath) {
    Conflict c = find(jobId, rawArtifactId, projectPath);
    ArtifactPlan plan = c.plan();
    ConflictVersions.Versions v = versions.of(plan, "artifact_id");
    String oursTier = c.direction().destination().label();
    String theirsTier = c.direction().source().label();
    ArtifactId id = ArtifactId.parse(plan.artifactId());
    List<ConflictPanesView.FilePanes> files = new ArrayList<>();
    for (FileConflict fc : plan.conflicts()) {
      files.add(file(fc, v, id, oursTier, theirsTier));
    }
    return new ConflictPanesView(
        c.jobId(), plan.artifactId(), c.direction().label(), plan.projectPath(), oursTier, theirsTier,
        plan.baseHash(), plan.destinationHash(), plan.sourceHash(), files);
  }

  private ConflictPanesView.FilePanes file(
      FileConflict fc, ConflictVersions.Versions v, ArtifactId id, String oursTier, String theirsTier) {
    String path = fc.path();
    FileEntry b = v.base(path);
    FileEntry o = v.ours(path);
    FileEntry t = v.theirs(path);
    String kind = fc.kind() == null ? null : fc.kind().name().toLowerCase(Locale.ROOT);
    boolean frontMatter = FrontMatterRules.applies(id.type(), path);
    if (!ConflictVersions.text(b, o, t)) {
      return new ConflictPanesView.FilePanes(
          path, kind, fc.reason(), true, null, false, null, null, null, List.of());
    }
    long size = (b == null ? 0 : b.size()) + (o == null ? 0 : o.size()) + (t == null ? 0 : t.size());
    if (size > maxBytes) {
      return new ConflictPanesView.FilePanes(
          path, kind, fc.reason(), false, "too_large", false, null, null, null, List.of());
    }
    byte[] base = ConflictVersions.bytes(b);
    byte[] ours = ConflictVersions.bytes(o);
    byte[] theirs = ConflictVersions.bytes(t);
    List<ConflictPanesView.Hunk> hunks = new ArrayList<>();
    boolean byKey = false;
    if (o != null && t != null) {
      List<FrontMatterMerge.Piece> pieces = frontMatter ? FrontMatterMerge.pieces(base, ours, theirs) : null;
      byKey = pieces != null;
      if (byKey) {
        for (FrontMatterMerge.Piece p : pieces) {
          hunks.add(new ConflictPanesView.Hunk(
              kind(p.kind()), from(p.kind(), oursTier, theirsTier), p.key(), null, null, null, null, null,
              null, p.base(), p.ours(), p.theirs()));
        }
      } else {
        GitLineDiffs.Lines bl = GitLineDiffs.lines(base);
        GitLineDiffs.Lines ol = GitLineDiffs.lines(ours);
        GitLineDiffs.Lines tl = GitLineDiffs.lines(theirs);
        for (TextMerge.Hunk h : TextMerge.hunks(base, ours, theirs)) {
          hunks.add(new ConflictPanesView.Hunk(
              kind(h.kind()), from(h.kind(), oursTier, theirsTier), null,
              h.baseStart(), h.baseCount(), h.oursStart(), h.oursCount(), h.theirsStart(), h.theirsCount(),
              TextMerge.text(bl, h.baseStart(), h.baseCount()), TextMerge.text(ol, h.oursStart(), h.oursCount()),
              TextMerge.text(tl, h.theirsStart(), h.theirsCount())));
        }
      }
    }
    return new ConflictPanesView.FilePanes(
        path, kind, fc.reason(), false, null, byKey, b == null ? null : utf8(base),
        o == null ? null : utf8(ours), t == null ? null : utf8(theirs), hunks);
  }

  private static String kind(TextMerge.HunkKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Where a hunk's kept lines come from: both sides, one side's tier, or nobody yet (a conflict). */
  private static String from(TextMerge.HunkKind kind, String oursTier, String theirsTier) {
    return switch (kind) {
      case COMMON -> "both";
      case OURS -> oursTier;
      case THEIRS -> theirsTier;
      case CONFLICT -> null;
    };
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
