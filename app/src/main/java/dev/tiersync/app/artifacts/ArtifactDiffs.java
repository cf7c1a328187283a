package dev.tiersync.app.artifacts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.apply.SafePaths;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.GitFileModes;
import dev.tiersync.engine.diff.ArtifactDiff;
import dev.tiersync.engine.diff.FileDiff;
import dev.tiersync.engine.history.HistoryIntegrityException;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.Tier;
import java.io.IOException;
import java.util.HashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Answers the diff of any two versions of an artifact and the downloads behind it. Both versions
 * are stored in the history store before they are compared, and compared as stored: the diff, the
 * cache entry and the download links all name content hashes, so a download serves exactly what the
 * diff left out even if a tier changed in between.
 */
@Component
class ArtifactDiffs {
  private static final String TOO_LARGE =
      "left out: the diff is above the inline preview limit (SYNC_DIFF_PREVIEW_MAX)";
  private static final String BINARY = "binary file: compared by size and sha256";

  private final ArtifactReader reader;
  private final HistoryStore history;
  private final DiffRenderer renderer;

  ArtifactDiffs(ArtifactReader reader, HistoryStore history, DiffRenderer renderer) {
    this.reader = reader;
    this.history = history;
    this.renderer = renderer;
  }

  /**
   * Validates a diff or download request: 400 naming {@code lhs}, {@code rhs}, {@code project_path}
   * (for a pair with the project but no project path, or a bad one), {@code collection}, {@code
   * artifact_id} or a pin.
   */
  DiffRequest request(
      String rawId,
      String lhs,
      String rhs,
      String collection,
      String projectPath,
      String lhsHash,
      String rhsHash) {
    Tier left = DiffRequest.tier(lhs, "lhs");
    Tier right = DiffRequest.tier(rhs, "rhs");
    DiffRequest.requireProject(left, right, projectPath);
    return new DiffRequest(
        ArtifactReader.artifactId(rawId),
        left,
        right,
        reader.scope(collection, projectPath),
        DiffRequest.pin(lhsHash, "lhs_hash"),
        DiffRequest.pin(rhsHash, "rhs_hash"));
  }

  /** The diff, with inline text up to the preview limit. */
  DiffView diff(DiffRequest r) throws IOException {
    Sides sides = sides(r);
    ArtifactDiff d = renderer.preview(sides.lhs(), sides.rhs());
    String lhsHash = TierRead.hash(sides.lhs());
    String rhsHash = TierRead.hash(sides.rhs());
    boolean binaryLeftOut =
        d.files().stream().anyMatch(f -> f.binary() && f.status() != FileDiff.Status.UNCHANGED);
    return new DiffView(
        r.id().toString(),
        r.lhs().label(),
        r.rhs().label(),
        lhsHash,
        rhsHash,
        d.isIdentical(),
        d.files().stream().map(f -> file(r, f, d.truncated(), lhsHash, rhsHash)).toList(),
        new DiffView.Summary(
            d.summary().filesAdded(),
            d.summary().filesRemoved(),
            d.summary().filesModified(),
            d.summary().linesAdded(),
            d.summary().linesRemoved()),
        d.truncated(),
        d.truncatedReason(),
        d.truncated() || binaryLeftOut ? r.downloadUrl(lhsHash, rhsHash) : null);
  }

  /** The full diff as a Git-style patch, with no size guard. */
  byte[] patch(DiffRequest r) throws IOException {
    Sides sides = sides(r);
    return renderer.fullPatch(sides.lhs(), sides.rhs());
  }

  /**
   * One file of one side's version.
   *
   * @param side {@code rhs} (the default) or {@code lhs}
   * @throws ApiException 400 for a missing path or bad side, 404 when that side lacks the file
   */
  FileEntry file(DiffRequest r, String path, String side) throws IOException {
    String s = side == null || side.isBlank() ? "rhs" : side;
    if (!s.equals("lhs") && !s.equals("rhs")) {
      throw ApiException.badRequest("side", "side must be lhs or rhs, got '" + side + "'");
    }
    if (path.isBlank()) {
      throw ApiException.badRequest("path", "path must name a file of the artifact");
    }
    try {
      SafePaths.requireRelative(path);
    } catch (SafePaths.UnsafePathException e) {
      throw ApiException.badRequest(
          "path", "path must be a relative path inside the artifact (no leading '/', no '..', no '\\')");
    }
    Sides sides = sides(r);
    ArtifactTree tree = s.equals("lhs") ? sides.lhs() : sides.rhs();
    FileEntry entry = tree == null ? null : tree.file(path);
    if (entry == null) {
      Tier tier = s.equals("lhs") ? r.lhs() : r.rhs();
      throw ApiException.notFound("the " + tier.label() + " version has no file '" + path + "'");
    }
    return entry;
  }

  private DiffView.FileView file(
      DiffRequest r, FileDiff f, boolean truncated, String lhsHash, String rhsHash) {
    boolean changed = f.status() != FileDiff.Status.UNCHANGED;
    String omitted = null;
    String download = null;
    if (changed && f.binary()) {
      omitted = BINARY;
      String side = f.status() == FileDiff.Status.REMOVED ? "lhs" : "rhs";
      download = r.fileUrl(lhsHash, rhsHash, f.path(), side);
    } else if (changed && truncated) {
      omitted = TOO_LARGE;
    }
    return new DiffView.FileView(
        f.path(),
        f.status().label(),
        f.linesAdded(),
        f.linesRemoved(),
        f.binary(),
        f.oldSha256() == null ? null : f.oldSize(),
        f.newSha256() == null ? null : f.newSize(),
        f.oldSha256(),
        f.newSha256(),
        f.oldMode() == null ? null : GitFileModes.octal(f.oldMode()),
        f.newMode() == null ? null : GitFileModes.octal(f.newMode()),
        f.lineEndingsOnly(),
        f.unifiedDiff(),
        omitted,
        download);
  }

  private record Sides(ArtifactTree lhs, ArtifactTree rhs) {}

  private Sides sides(DiffRequest r) throws IOException {
    TierRead read =
        r.lhsPin() != null && r.rhsPin() != null
            ? null
            : reader.read(r.scope(), r.id(), new HashMap<>()).requireFound();
    return new Sides(
        version(r, r.lhs(), r.lhsPin(), "lhs_hash", read),
        version(r, r.rhs(), r.rhsPin(), "rhs_hash", read));
  }

  /** A side's version as stored in the history store, or null when it is absent. */
  private ArtifactTree version(DiffRequest r, Tier tier, String pin, String field, TierRead read)
      throws IOException {
    if (pin != null) {
      if (pin.equals(DiffRequest.ABSENT)) {
        return null;
      }
      return history
          .get(pin)
          .orElseThrow(
              () ->
                  new ApiException(
                      HttpStatus.NOT_FOUND,
                      field,
                      "version " + pin + " is not in the history store"));
    }
    if (read.inError() && (tier == Tier.UPSTREAM || tier == Tier.BASE)) {
      throw read.entryConflict("the " + tier.label() + " version");
    }
    boolean needsUpstream = tier == Tier.UPSTREAM || tier == Tier.BASE && !r.projectBase();
    if (needsUpstream && read.upstreamError() != null) {
      throw read.upstreamUnavailable();
    }
    ArtifactTree live =
        switch (tier) {
          case UPSTREAM -> read.upstreamTree();
          case COLLECTION -> read.snapshot().collection();
          case PROJECT -> read.snapshot().project();
          case BASE ->
              r.projectBase()
                  ? read.snapshot().projectBase()
                  : read.snapshot().upstream() == null
                      ? null
                      : read.snapshot().upstream().baseTree();
        };
    return stored(live);
  }

  private ArtifactTree stored(ArtifactTree tree) throws IOException {
    if (tree == null) {
      return null;
    }
    try {
      String hash = history.put(tree);
      return history
          .get(hash)
          .orElseThrow(
              () -> new IOException("version " + hash + " vanished from the history store"));
    } catch (HistoryIntegrityException e) {
      throw ApiException.conflict(null, "the artifact changed while it was being read; try again");
    }
  }
}
