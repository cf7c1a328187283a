package dev.tiersync.app.jobs;

import dev.tiersync.workflows.jobs.JobRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Locale;

/**
 * The Temporal search attributes of a job workflow, so that operators can filter jobs by
 * artifact, direction, project and kind in the Temporal Web UI ({@code TiersyncArtifactIds =
 * 'skill:pdf-tools'}). They must be registered on the namespace: docker-compose.yml and
 * scripts/temporal-server.sh do it.
 */
final class JobSearchAttributes {
  static final SearchAttributeKey<java.util.List<String>> ARTIFACT_IDS =
      SearchAttributeKey.forKeywordList("TiersyncArtifactIds");
  static final SearchAttributeKey<String> DIRECTION = SearchAttributeKey.forKeyword("TiersyncDirection");
  static final SearchAttributeKey<String> PROJECT = SearchAttributeKey.forKeyword("TiersyncProject");
  static final SearchAttributeKey<String> KIND = SearchAttributeKey.forKeyword("TiersyncJobKind");

  private JobSearchAttributes() {}

  static SearchAttributes of(JobRequest request) {
    SearchAttributes.Builder b =
        SearchAttributes.newBuilder().set(KIND, request.kind().label());
    if (request.direction() != null) {
      // A new collection and a remove run along no edge.
      b.set(DIRECTION, request.direction().label());
    }
    if (!request.artifactIds().isEmpty()) {
      b.set(ARTIFACT_IDS, request.artifactIds());
    }
    if (request.projectPath() != null) {
      b.set(PROJECT, request.projectPath());
    }
    return b.build();
  }

  /** Whether a start failed because the namespace does not know one of the attributes. */
  static boolean isUnknownAttributeError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("search attribute")) {
        return true;
      }
    }
    return false;
  }
}
