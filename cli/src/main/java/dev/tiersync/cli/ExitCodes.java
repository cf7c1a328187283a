package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The exit codes CI gates on (as {@code flux diff} does). {@code status} and {@code diff}: 0
 * everything synced or identical, 1 drift, 2 conflicts (or artifacts in error). Commands that run a
 * job ({@code sync}, {@code resolve}, {@code patch}, {@code wait}): 0 success, 1 conflict, 2 error.
 * Every command: 3 for bad input or a server that cannot be used, 130 after Ctrl-C.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int DRIFT = 1;
  static final int CONFLICTS = 2;
  static final int JOB_CONFLICT = 1;
  static final int JOB_ERROR = 2;
  static final int USAGE_OR_SERVER = 3;
  static final int INTERRUPTED = 130;

  /** Statuses that a sync cannot settle on its own: someone has to look. */
  private static final Set<String> NEEDS_A_PERSON = Set.of("conflict", "error");

  private ExitCodes() {}

  /**
   * The exit code of {@code status} for an artifact list answer: 2 when an artifact is in conflict
   * or error, its upstream could not be read, or a tier-file entry naming no artifact breaks a
   * rule; else 1 when an artifact is not synced; else 0.
   */
  static int ofStatus(JsonNode list) {
    boolean drift = false;
    for (JsonNode item : list.path("items")) {
      String overall = item.path("status").path("overall").asText("");
      if (NEEDS_A_PERSON.contains(overall) || item.hasNonNull("upstream_error")) {
        return CONFLICTS;
      }
      // No overall status: neither edge exists (a collection's own artifact, no project given).
      drift |= !overall.isEmpty() && !overall.equals("synced");
    }
    for (JsonNode error : list.path("errors")) {
      if (error.path("artifact_id").isNull() || error.path("artifact_id").isMissingNode()) {
        return CONFLICTS;
      }
    }
    return drift ? DRIFT : OK;
  }

  /**
   * The exit code of {@code fleet}, read as {@code status}'s: 2 when an edge is in conflict or
   * error, or an upstream cannot be read, or a {@code collection.toml} entry breaks a rule; else 1
   * when an edge is not synced; else 0.
   */
  static int ofFleet(JsonNode fleet) {
    if (!fleet.path("errors").isEmpty()) {
      return CONFLICTS;
    }
    boolean drift = false;
    for (JsonNode artifact : fleet.path("artifacts")) {
      List<String> edges = new ArrayList<>();
      edges.add(artifact.path("upstream_to_collection").asText(""));
      for (JsonNode cell : artifact.path("cells")) {
        edges.add(cell.path("collection_to_project").asText(""));
      }
      for (String edge : edges) {
        if (NEEDS_A_PERSON.contains(edge) || edge.equals("unreachable")) {
          return CONFLICTS;
        }
        // An empty edge does not exist (no upstream, or neither tier has the artifact).
        drift |= !edge.isEmpty() && !edge.equals("synced");
      }
    }
    return drift ? DRIFT : OK;
  }

  /**
   * The exit code of {@code diff}: 0 when the versions are identical, else 2 when the compared edge
   * is in conflict (or error), else 1.
   *
   * @param edgeStatus the artifact's status on the edge the two tiers form (the overall badge when
   *     they form none), or null when not known
   */
  static int ofDiff(boolean identical, String edgeStatus) {
    if (identical) {
      return OK;
    }
    return edgeStatus != null && NEEDS_A_PERSON.contains(edgeStatus) ? CONFLICTS : DRIFT;
  }

  /** The exit code of a finished job: success 0, conflict 1, error or canceled 2. */
  static int ofJob(JsonNode job) {
    return switch (job.path("state").asText()) {
      case "success" -> OK;
      case "conflict" -> JOB_CONFLICT;
      default -> JOB_ERROR;
    };
  }

  /**
   * The exit code of a dry run, read as the apply would end: 2 when the job failed or an artifact
   * cannot be synced, 1 when a conflict is predicted, else 0.
   */
  static int ofPlan(JsonNode dryRun) {
    if (!"success".equals(dryRun.path("state").asText())) {
      return JOB_ERROR;
    }
    boolean conflict = false;
    for (JsonNode plan : dryRun.path("plans")) {
      String action = plan.path("action").asText();
      if (action.equals("error")) {
        return JOB_ERROR;
      }
      conflict |= action.equals("conflict") || !plan.path("predicted_conflicts").isEmpty();
    }
    return conflict ? JOB_CONFLICT : OK;
  }
}
