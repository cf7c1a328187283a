package dev.tiersync.app.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.activities.VersionTransfer;
import dev.tiersync.activities.VersionTransferException;
import dev.tiersync.app.api.RequestLimitsFilter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Folders;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.history.VersionArchive;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's client of the server's object API ({@code GET/PUT /api/v1/objects/{hash}},
 * docs/agents.md "How content travels"): versions travel as tar streams ({@link VersionArchive})
 * between the agent's own history store and the server's, authenticated with the agent's token.
 *
 * <p>What a retry may mend (the server cannot be reached, times out, or answers 5xx or 429) is an
 * {@link IOException} naming {@code TIERSYNC_SERVER_URL}; a refusal a retry cannot mend (the token,
 * a version the server does not have, content that hashes to another name) is a {@link
 * VersionTransferException}. A downloaded version is stored only once it hashes to the name it was
 * asked for. The token is sent only in the {@code Authorization} header and never printed.
 */
public final class HttpVersionTransfer implements VersionTransfer {
  private static final String TAR = "application/x-tar";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The most of an error answer read for its message. */
  private static final int MAX_ERROR_BYTES = 16 * 1024;

  private final URI serverUrl;
  private final URI objects;
  private final String token;
  private final HistoryStore local;
  private final Path staging;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param serverUrl the server's base URL ({@code TIERSYNC_SERVER_URL})
   * @param token an API token of the server ({@code TIERSYNC_AGENT_TOKEN})
   * @param local the agent's history store
   * @param staging a folder for archives on their way (created when needed; each transfer cleans
   *     up after itself)
   * @param timeout how long connecting, and then waiting for the server's answer to begin, may take
   */
  public HttpVersionTransfer(URI serverUrl, String token, HistoryStore local, Path staging, Duration timeout) {
    String base = serverUrl.toString();
    this.serverUrl = serverUrl;
    this.objects = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/objects/");
    this.token = token;
    this.local = local;
    this.staging = staging;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public void upload(String contentHash) throws IOException {
    ArtifactTree tree =
        local
            .get(contentHash)
            .orElseThrow(() -> new VersionTransferException("the local history store has no version " + contentHash + " to upload"));
    Files.createDirectories(staging);
    // A file rather than a pipe: the body then has a length, and a retry of the send is simple.
    Path archive = Files.createTempFile(staging, "upload-", ".tar");
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive))) {
        VersionArchive.write(tree, out);
      }
      HttpRequest put =
          request(contentHash)
              .header("Content-Type", TAR)
              // The server answers 204 for a version it holds without reading the body.
              .expectContinue(true)
              .PUT(HttpRequest.BodyPublishers.ofFile(archive))
              .build();
      HttpResponse<InputStream> response = send(put);
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status != 201 && status != 204) {
          refuse(status, contentHash, body);
        }
      }
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  @Override
  public void download(String contentHash) throws IOException {
    if (local.contains(contentHash)) {
      return;
    }
    HttpResponse<InputStream> response = send(request(contentHash).GET().build());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404) {
        throw new VersionTransferException("the server has no version " + contentHash);
      }
      if (status != 200) {
        refuse(status, contentHash, body);
      }
      Files.createDirectories(staging);
      Path incoming = Files.createTempDirectory(staging, "download-");
      try {
        ArtifactTree tree;
        try {
          tree = VersionArchive.read(body, incoming, RequestLimitsFilter.MAX_OBJECT_BYTES);
        } catch (IOException e) {
          // The server sends only archives it made, so a broken one is a broken transfer.
          throw new IOException(
              "the download of version " + contentHash + " from " + where() + " broke off: " + e.getMessage(), e);
        }
        if (!tree.contentHash().equals(contentHash)) {
          throw VersionTransferException.mismatch(contentHash, tree.contentHash());
        }
        local.put(tree);
      } finally {
        Folders.deleteRecursively(incoming);
      }
    }
  }

  private HttpRequest.Builder request(String contentHash) {
    return HttpRequest.newBuilder(objects.resolve(contentHash))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token);
  }

  private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while talking to " + where());
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new IOException("cannot reach the server at " + where() + ": " + reason, e);
    }
  }

  /**
   * Always throws, for an answer other than success: an IOException for one a retry may mend (5xx,
   * 429), else a VersionTransferException.
   */
  private void refuse(int status, String contentHash, InputStream body) throws IOException {
    String problem = problem(body);
    if (status >= 500 || status == 429) {
      throw new IOException("the server at " + where() + " answered " + status + " for version " + contentHash + problem);
    }
    if (status == 401 || status == 403) {
      throw new VersionTransferException(
          "the server at " + where() + " refused the agent's token (TIERSYNC_AGENT_TOKEN, which must be one of the"
              + " server's TIERSYNC_API_TOKENS): " + status + problem);
    }
    throw new VersionTransferException(
        "the server at " + where() + " refused version " + contentHash + ": " + status + problem);
  }

  /** ": field: detail" of an RFC 9457 answer, else its first characters, else nothing. */
  private static String problem(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_ERROR_BYTES);
    if (bytes.length == 0) {
      return "";
    }
    try {
      JsonNode json = JSON.readTree(bytes);
      if (json != null && json.hasNonNull("detail")) {
        String field = json.hasNonNull("field") ? json.get("field").asText() + ": " : "";
        return " (" + field + json.get("detail").asText() + ")";
      }
    } catch (IOException notJson) {
      // Fall through to the text itself.
    }
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    return " (" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + ")";
  }

  private String where() {
    return serverUrl + " (TIERSYNC_SERVER_URL)";
  }
}
