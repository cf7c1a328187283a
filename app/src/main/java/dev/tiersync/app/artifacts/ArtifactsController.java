package dev.tiersync.app.artifacts;

import dev.tiersync.engine.content.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The read side of the API: the artifacts of a collection (and project) with their status, the
 * versions of one artifact in every tier, and the diff of any two of them with its downloads.
 * Artifact ids are {@code type:name}, URL-encoded as one path segment.
 */
@RestController
@RequestMapping("/api/v1/artifacts")
class ArtifactsController {
  static final MediaType TEXT_X_DIFF = new MediaType("text", "x-diff", StandardCharsets.UTF_8);

  private static final Logger log = LoggerFactory.getLogger(ArtifactsController.class);

  private final ArtifactCatalog catalog;
  private final ArtifactDiffs diffs;
  private final ArtifactTimeline timeline;

  ArtifactsController(ArtifactCatalog catalog, ArtifactDiffs diffs, ArtifactTimeline timeline) {
    this.catalog = catalog;
    this.diffs = diffs;
    this.timeline = timeline;
  }

  @GetMapping
  ArtifactList list(
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(name = "project_path", required = false) String projectPath,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "false") boolean refresh)
      throws IOException {
    return catalog.list(collection, projectPath, type, status, refresh);
  }

  @GetMapping("/{id}/versions")
  ArtifactVersions versions(
      @PathVariable String id,
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(name = "project_path", required = false) String projectPath,
      @RequestParam(defaultValue = "false") boolean refresh)
      throws IOException {
    return catalog.versions(id, collection, projectPath, refresh);
  }

  /** Every version each tier of the artifact had, oldest first, with the job that wrote it. */
  @GetMapping("/{id}/history")
  ArtifactHistory history(
      @PathVariable String id,
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(name = "project_path", required = false) String projectPath)
      throws IOException {
    return timeline.history(id, collection, projectPath);
  }

  /**
   * The diff of two tiers' versions; {@code lhs_hash} and {@code rhs_hash} name exact versions from
   * the history store instead (e.g. two entries of the history).
   */
  @GetMapping("/{id}/diff")
  DiffView diff(
      @PathVariable String id,
      @RequestParam(required = false) String lhs,
      @RequestParam(required = false) String rhs,
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(name = "project_path", required = false) String projectPath,
      @RequestParam(name = "lhs_hash", required = false) String lhsHash,
      @RequestParam(name = "rhs_hash", required = false) String rhsHash)
      throws IOException {
    return diffs.diff(diffs.request(id, lhs, rhs, collection, projectPath, lhsHash, rhsHash));
  }

  /**
   * The full diff as a Git-style patch ({@code text/x-diff}), or with {@code path} one file's bytes
   * from the {@code rhs} version ({@code side=lhs} for the left-hand one). {@code lhs_hash} and
   * {@code rhs_hash} pin the exact versions a diff response showed.
   */
  @GetMapping("/{id}/diff/download")
  ResponseEntity<StreamingResponseBody> download(
      @PathVariable String id,
      @RequestParam(required = false) String lhs,
      @RequestParam(required = false) String rhs,
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(name = "project_path", required = false) String projectPath,
      @RequestParam(name = "lhs_hash", required = false) String lhsHash,
      @RequestParam(name = "rhs_hash", required = false) String rhsHash,
      @RequestParam(required = false) String path,
      @RequestParam(required = false) String side)
      throws IOException {
    DiffRequest request = diffs.request(id, lhs, rhs, collection, projectPath, lhsHash, rhsHash);
    if (path != null) {
      FileEntry file = diffs.file(request, path, side);
      String name = path.substring(path.lastIndexOf('/') + 1);
      return attachment(
          name,
          MediaType.APPLICATION_OCTET_STREAM,
          file.size(),
          out -> {
            try (InputStream in = file.open()) {
              in.transferTo(out);
            }
          });
    }
    byte[] patch = diffs.patch(request);
    String name =
        request.id().type().id()
            + "-"
            + request.id().name()
            + "."
            + request.lhs().label()
            + "-"
            + request.rhs().label()
            + ".diff";
    return attachment(name, TEXT_X_DIFF, patch.length, out -> out.write(patch));
  }

  private static ResponseEntity<StreamingResponseBody> attachment(
      String fileName, MediaType type, long length, StreamingResponseBody body) {
    return ResponseEntity.ok()
        .contentType(type)
        .contentLength(length)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(fileName, StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(body);
  }

  /**
   * A tier that cannot be read (an unreadable folder) is the server's problem, not the request's;
   * it is still answered as a problem document. A tier file that cannot be read is a 409 naming
   * it (see {@code ApiExceptionHandler}).
   */
  @ExceptionHandler(IOException.class)
  ResponseEntity<ProblemDetail> unreadable(Exception e) {
    log.warn("cannot read the tiers", e);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "cannot read the tiers: " + e.getMessage());
    p.setTitle(HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase());
    return ResponseEntity.internalServerError().body(p);
  }
}
