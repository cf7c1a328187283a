package dev.tiersync.app.collections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.artifacts.PolicyView;
import dev.tiersync.app.audit.AuditEntry;
import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.engine.collection.PolicyWriter;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.ArtifactPolicy.AutoUpdate;
import dev.tiersync.engine.tier.InvalidTierFileException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Component;

/**
 * The policy route (docs/api.md, "Hold and auto-update"): checks the body, writes the artifact's
 * policy at once (not a job) and records it in the audit log. Each key of the body is optional:
 * an absent one keeps what is written, so the change is applied to the policy as it is under the
 * collection's writer lock.
 */
@Component
class PolicyChanges {
  static final int MAX_REASON = 500;

  private final CollectionScopes scopes;
  private final PolicyWriter writer;
  private final AuditLog audit;
  private final Clock clock;

  PolicyChanges(CollectionScopes scopes, PolicyWriter writer, AuditLog audit, Clock clock) {
    this.scopes = scopes;
    this.writer = writer;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Sets the policy of an artifact the collection lists.
   *
   * @throws ApiException 400 naming {@code hold}, {@code hold.reason}, {@code hold.until}, {@code
   *     auto_update} or {@code id}; 404 for an unknown collection or an artifact it does not list
   */
  PolicyView put(String collection, String rawId, JsonNode body, String principal)
      throws IOException {
    Instant now = clock.instant();
    UnaryOperator<ArtifactPolicy> change = change(body, now);
    TierScope scope = scopes.existing(collection);
    ArtifactId id = ChangeRequests.pathId(rawId);
    ArtifactPolicy written =
        writer
            .write(scope.collection(), id, change)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        id + " is not listed in collection " + scope.collection().name()));
    audit.record(
        new AuditEntry(
            null, "policy", principal == null ? "anonymous" : principal, now, clock.instant(),
            null, null, false, scope.collection().name(), null, "success", null,
            List.of(new AuditEntry.Change(id.toString(), "collection", summary(written), null, null))));
    return PolicyView.of(written, clock.instant());
  }

  /** The change a body asks for; checked in full before anything is read or written. */
  private static UnaryOperator<ArtifactPolicy> change(JsonNode body, Instant now) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest(null, "the body must be a JSON object: {hold, auto_update}");
    }
    onlyKeys(body, "", "hold", "auto_update");
    UnaryOperator<ArtifactPolicy> hold = UnaryOperator.identity();
    if (body.has("hold")) {
      JsonNode h = body.get("hold");
      if (h.isNull()) {
        hold = ArtifactPolicy::released;
      } else if (h.isObject()) {
        onlyKeys(h, "hold.", "reason", "until");
        String reason = reason(h.get("reason"));
        Instant until = until(h.get("until"), now);
        hold = p -> p.heldFor(reason, until);
      } else {
        throw ApiException.badRequest(
            "hold", "hold must be {reason, until} to hold the artifact, or null to release it");
      }
    }
    if (!body.has("auto_update")) {
      return hold;
    }
    AutoUpdate auto = autoUpdate(body.get("auto_update"));
    return hold.andThen(p -> p.withAutoUpdate(auto))::apply;
  }

  /** An unknown key is refused, as the other routes refuse one: it is most likely a typo. */
  private static void onlyKeys(JsonNode object, String prefix, String... known) {
    List<String> allowed = List.of(known);
    object
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key)) {
                throw ApiException.badRequest(
                    prefix + key, "unknown field '" + prefix + key + "'; expected " + allowed);
              }
            });
  }

  private static String reason(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest("hold.reason", "hold.reason must be a string");
    }
    String reason = node.asText();
    if (reason.length() > MAX_REASON) {
      throw ApiException.badRequest(
          "hold.reason", "hold.reason must be at most " + MAX_REASON + " characters");
    }
    if (reason.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("hold.reason", "hold.reason must not hold control characters");
    }
    return reason.isEmpty() ? null : reason;
  }

  private static Instant until(JsonNode node, Instant now) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ApiException.badRequest("hold.until", "hold.until must be an ISO-8601 string");
    }
    Instant until;
    try {
      until = OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "hold.until",
          "hold.until must be an ISO-8601 time with an offset (2026-12-31T00:00:00Z), got '"
              + node.asText() + "'");
    }
    if (!until.isAfter(now)) {
      throw ApiException.badRequest("hold.until", "hold.until must be in the future, got " + until);
    }
    return until;
  }

  private static AutoUpdate autoUpdate(JsonNode node) {
    try {
      if (node.isTextual()) {
        return AutoUpdate.parse(node.asText());
      }
    } catch (InvalidTierFileException e) {
      // The same rule as in collection.toml, answered as the request's field.
    }
    throw ApiException.badRequest(
        "auto_update", "auto_update must be \"off\" or \"clean\", got " + node);
  }

  /** The policy in words, for the audit entry's {@code outcome}. */
  private static String summary(ArtifactPolicy p) {
    String hold = "not held";
    if (p.hold()) {
      hold =
          "held"
              + (p.holdUntil() == null ? "" : " until " + p.holdUntil())
              + (p.holdReason() == null ? "" : ": " + p.holdReason());
    }
    return hold + "; auto_update " + p.autoUpdate().id();
  }
}
