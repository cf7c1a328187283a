package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.tier.ArtifactPolicy;
import java.time.Instant;

/**
 * An artifact's hold and auto-update policy as the API shows it (the artifacts list, the versions
 * answer, the fleet).
 *
 * @param held whether the hold applies now ({@code hold = true}, not expired)
 * @param holdExpired whether {@code hold = true} is written but {@code hold_until} has passed
 * @param autoUpdate {@code off} or {@code clean}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyView(
    boolean held, String holdReason, Instant holdUntil, boolean holdExpired, String autoUpdate) {

  /** The view of {@code policy} at {@code now}. */
  public static PolicyView of(ArtifactPolicy policy, Instant now) {
    return new PolicyView(
        policy.heldAt(now),
        policy.hold() ? policy.holdReason() : null,
        policy.hold() ? policy.holdUntil() : null,
        policy.expiredAt(now),
        policy.autoUpdate().id());
  }
}
