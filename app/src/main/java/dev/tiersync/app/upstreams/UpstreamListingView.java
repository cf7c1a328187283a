package dev.tiersync.app.upstreams;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.browse.UpstreamListing;
import dev.tiersync.engine.upstream.FoundArtifact;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/upstreams/artifacts}.
 *
 * @param url the URL as asked
 * @param repository the repository fetched (a GitHub tree URL's repository)
 * @param ref the branch or tag the ref resolved to, or for a commit its full sha
 * @param commit the commit listed
 * @param items the artifacts found, in tree order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record UpstreamListingView(
    String url, String repository, String ref, String commit, List<Item> items) {

  /** One artifact: where it is, what it is, its description and the commit that last changed it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Item(
      String artifactId,
      String type,
      String name,
      String path,
      String description,
      CommitView lastCommit) {
    static Item of(FoundArtifact a) {
      return new Item(
          a.id().toString(),
          a.id().type().id(),
          a.id().name(),
          a.path(),
          a.description(),
          CommitView.of(a.lastCommit()));
    }
  }

  static UpstreamListingView of(UpstreamListing l) {
    return new UpstreamListingView(
        l.location().url(),
        l.location().repository(),
        l.ref().refName(),
        l.ref().commitSha(),
        l.artifacts().stream().map(Item::of).toList());
  }
}
