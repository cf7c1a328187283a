package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Canned job documents for the commands that plan first, and a {@link FakeServer} that answers a
 * dry run (job-1) and then its apply (job-2), both already ended.
 */
final class JobAnswers {
  private JobAnswers() {}

  /** An ended job; {@code direction} may be null (a job along no edge). */
  static String job(
      String id, String kind, String direction, String state, String plans, String artifacts) {
    return "{'job_id':'"
        + id
        + "','kind':'"
        + kind
        + "','direction':"
        + (direction == null ? "null" : "'" + direction + "'")
        + ",'state':'"
        + state
        + "','pct':100,'phase':'done','plans':["
        + plans
        + "],'artifacts':["
        + artifacts
        + "],'conflicts':[],'unresolved_files':[]}";
  }

  /** A plan row writing one file, or none for {@code none} and {@code skip}. */
  static String plan(String artifactId, String action, String reason) {
    boolean writes = !action.equals("none") && !action.equals("skip");
    return "{'artifact_id':'"
        + artifactId
        + "','action':'"
        + action
        + "','files_added':["
        + (writes ? "'SKILL.md'" : "")
        + "],'files_removed':[],'files_modified':[],'predicted_conflicts':[],'reason':"
        + (reason == null ? "null" : "'" + reason + "'")
        + "}";
  }

  static String outcome(String artifactId, String outcome) {
    return "{'artifact_id':'"
        + artifactId
        + "','outcome':'"
        + outcome
        + "','files_added':1,'files_removed':0,'files_modified':0}";
  }

  /**
   * A server whose {@code route} answers the dry run {@code dryRun}, then the job {@code applied}.
   */
  static FakeServer dryRunThenApply(String route, String dryRun, String applied) throws Exception {
    return withEvents()
        .json(route, dryRun)
        .thenJson(route, applied)
        .json("GET /api/v1/sync/jobs/job-1", dryRun)
        .json("GET /api/v1/sync/jobs/job-2", applied);
  }

  /** A server with an event stream that carries nothing, as a job that has already ended sees. */
  static FakeServer withEvents() throws Exception {
    return new FakeServer()
        .answer("GET /api/v1/sync/events", 200, "text/event-stream", ":subscribed\n\n");
  }

  /** The JSON bodies of the requests {@code METHOD /path} received, in order. */
  static List<JsonNode> bodies(FakeServer server, String method, String path) throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    for (FakeServer.Request r : requests(server, method, path)) {
      bodies.add(Json.read(r.body()));
    }
    return bodies;
  }

  /** The requests {@code METHOD /path} (query left out) received, in order. */
  static List<FakeServer.Request> requests(FakeServer server, String method, String path) {
    return server.requests().stream()
        .filter(r -> r.method().equals(method) && r.pathAndQuery().split("\\?")[0].equals(path))
        .toList();
  }
}
