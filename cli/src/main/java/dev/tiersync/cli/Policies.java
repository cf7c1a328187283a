package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * What {@code hold}, {@code release} and {@code auto-update} share: the policy route ({@code PUT
 * /api/v1/collections/{name}/artifacts/{id}/policy}, written at once, not a job) and the policy it
 * answers, printed as a line or, with {@code --output json}, as the API's document.
 */
final class Policies {
  /** The exit codes of the policy commands, for their help. */
  static final String EXIT_CODES = "Exit: 0 written, 3 bad input or server error.";

  private Policies() {}

  /** Sends the change and prints the resulting policy; the exit code. */
  static int put(Tiersync root, CollectionOption collection, String artifactId, ObjectNode body) {
    JsonNode policy =
        root.api().put(collection.path("/artifacts/" + ApiClient.segment(artifactId) + "/policy"), body);
    if (root.json()) {
      Json.print(root.terminal().out(), policy);
    } else {
      print(artifactId, collection.name(), policy, root.terminal().out());
    }
    return ExitCodes.OK;
  }

  /** {@code skill:a in default: held until … (reason); auto-update clean}. */
  static void print(String artifactId, String collection, JsonNode policy, PrintStream out) {
    out.println(artifactId + " in " + collection + ": " + describe(policy));
    out.flush();
  }

  static String describe(JsonNode policy) {
    String hold;
    if (policy.path("held").asBoolean()) {
      hold = "held";
    } else if (policy.path("hold_expired").asBoolean()) {
      hold = "hold expired";
    } else {
      hold = "not held";
    }
    String until = Json.text(policy, "hold_until");
    String reason = Json.text(policy, "hold_reason");
    return hold
        + (until == null ? "" : (policy.path("held").asBoolean() ? " until " : " on ") + until)
        + (reason == null ? "" : " (" + reason + ")")
        + "; auto-update "
        + Json.text(policy, "auto_update");
  }
}
