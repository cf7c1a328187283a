package dev.tiersync.app.upstreams;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.browse.InvalidUpstreamUrlException;
import dev.tiersync.engine.browse.UpstreamBrowser;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import dev.tiersync.engine.upstream.UpstreamUnavailableException;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Upstream repositories as such: what one holds at a ref, before anything of it is in a
 * collection, and the upstream commits an artifact of a collection is behind. Both read through
 * the upstream mirrors, synchronously, bounded by {@code SYNC_UPSTREAM_TIMEOUT}.
 */
@RestController
class UpstreamsController {
  private final UpstreamBrowser browser;
  private final UpstreamCommits commits;

  UpstreamsController(UpstreamBrowser browser, UpstreamCommits commits) {
    this.browser = browser;
    this.commits = commits;
  }

  /**
   * The artifacts {@code url} holds at {@code ref}: 400 naming {@code url} for a URL tiersync does
   * not read, 400 naming {@code ref} for a ref the repository lacks (naming {@code url} when the
   * ref came from the URL), 502 when the host cannot be reached or refuses, 504 past the time
   * limit.
   */
  @GetMapping("/api/v1/upstreams/artifacts")
  UpstreamListingView artifacts(
      @RequestParam(required = false) String url, @RequestParam(required = false) String ref) {
    try {
      return UpstreamListingView.of(browser.browse(url, ref));
    } catch (InvalidUpstreamUrlException e) {
      throw ApiException.badRequest(e.field(), e.getMessage());
    } catch (UpstreamRefNotFoundException e) {
      throw ApiException.badRequest(ref == null || ref.isBlank() ? "url" : "ref", e.getMessage());
    } catch (UpstreamUnavailableException e) {
      throw UpstreamFailures.of(e);
    }
  }

  /** See {@link UpstreamCommits#commits}. */
  @GetMapping("/api/v1/artifacts/{id}/upstream/commits")
  UpstreamCommitsView commits(
      @PathVariable String id,
      @RequestParam(defaultValue = "default") String collection,
      @RequestParam(defaultValue = "50") int limit)
      throws IOException {
    return commits.commits(id, collection, limit);
  }
}
