package dev.tiersync.app.objects;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.api.RequestLimitsFilter;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Folders;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.VersionArchive;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Versions of the history store by content hash, as tar streams ({@link VersionArchive}): how a
 * host agent gets a planned version to write into a project and hands over the versions it read
 * (docs/agents.md). Content-addressed both ways: a {@code PUT} of a version the store holds
 * answers at once without reading the body, and a {@code PUT} whose archive hashes to another
 * name is refused, so nobody can store content under a wrong hash.
 */
@RestController
@RequestMapping("/api/v1/objects")
class ObjectsController {
  static final MediaType TAR = MediaType.parseMediaType("application/x-tar");
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final HistoryStore history;
  private final Path staging;

  ObjectsController(HistoryStore history, DataDirectory data) {
    this.history = history;
    this.staging = data.root().resolve("objects-incoming");
  }

  /** The version as a tar stream; 404 when the store does not hold it. */
  @GetMapping("/{hash}")
  ResponseEntity<StreamingResponseBody> get(@PathVariable String hash) throws IOException {
    ArtifactTree tree =
        history.get(requireHash(hash)).orElseThrow(() -> ApiException.notFound("no version " + hash + " in the history store"));
    return ResponseEntity.ok().contentType(TAR).body(out -> VersionArchive.write(tree, out));
  }

  /**
   * Stores the version a tar stream holds under its content hash: 201 when stored now, 204 when
   * the store already held it (the body is not read), 422 naming {@code hash} when the archive's
   * content hashes to another name, 400 naming {@code body} for an archive that is not a version's.
   */
  @PutMapping("/{hash}")
  ResponseEntity<Void> put(@PathVariable String hash, HttpServletRequest request) throws IOException {
    requireHash(hash);
    if (history.contains(hash)) {
      return ResponseEntity.noContent().build();
    }
    Files.createDirectories(staging);
    Path incoming = Files.createTempDirectory(staging, "put-");
    try {
      ArtifactTree tree;
      try {
        tree = VersionArchive.read(request.getInputStream(), incoming, RequestLimitsFilter.MAX_OBJECT_BYTES);
      } catch (VersionArchive.InvalidArchiveException e) {
        throw ApiException.badRequest("body", e.getMessage());
      }
      if (!tree.contentHash().equals(hash)) {
        throw new ApiException(
            HttpStatus.UNPROCESSABLE_ENTITY, "hash",
            "the archive's content hashes to " + tree.contentHash() + ", not to the hash it was sent as");
      }
      history.put(tree);
      return ResponseEntity.status(HttpStatus.CREATED).build();
    } finally {
      Folders.deleteRecursively(incoming);
    }
  }

  private static String requireHash(String hash) {
    if (!HASH.matcher(hash).matches()) {
      throw ApiException.badRequest("hash", "hash must be a content hash: 64 lowercase hexadecimal digits");
    }
    return hash;
  }
}
