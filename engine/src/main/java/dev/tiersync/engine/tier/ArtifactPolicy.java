package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * What the drift watch may do with one artifact, from tiersync's own keys of its {@code
 * [[artifacts]]} entry in {@code collection.toml}: {@code hold}, {@code hold_reason}, {@code
 * hold_until} and {@code auto_update}.
 *
 * @param hold whether {@code hold = true} is written (see {@link #heldAt} for whether it applies)
 * @param holdReason why, or null
 * @param holdUntil when the hold stops applying, or null for a hold without expiry
 * @param autoUpdate whether the watch updates the artifact from upstream by itself
 */
public record ArtifactPolicy(
    boolean hold, String holdReason, Instant holdUntil, AutoUpdate autoUpdate) {

  /** No hold, no auto-update: what an entry without tiersync's policy keys has. */
  public static final ArtifactPolicy NONE = new ArtifactPolicy(false, null, null, AutoUpdate.OFF);

  /** {@code auto_update}: {@code off} (the default) or {@code clean}. */
  public enum AutoUpdate {
    /** The watch reports drift and never updates. */
    OFF,
    /** The watch runs the upstream→collection sync itself when it plans no conflict. */
    CLEAN;

    /** The value written in {@code collection.toml}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code off} or {@code clean}.
     *
     * @throws InvalidTierFileException naming {@code auto_update} for any other value
     */
    public static AutoUpdate parse(String value) {
      if (value == null) {
        return OFF;
      }
      for (AutoUpdate a : values()) {
        if (a.id().equals(value)) {
          return a;
        }
      }
      throw new InvalidTierFileException(
          "auto_update", "must be \"off\" or \"clean\", got '" + value + "'");
    }
  }

  public ArtifactPolicy {
    autoUpdate = autoUpdate == null ? AutoUpdate.OFF : autoUpdate;
  }

  /** Whether the hold applies at {@code now}: written, and not expired. */
  public boolean heldAt(Instant now) {
    return hold && (holdUntil == null || now.isBefore(holdUntil));
  }

  /** Whether {@code hold = true} is written but {@code hold_until} has passed at {@code now}. */
  public boolean expiredAt(Instant now) {
    return hold && holdUntil != null && !now.isBefore(holdUntil);
  }

  /** The keys of the policy, in the order they are written. */
  static final List<String> KEYS = List.of("hold", "hold_reason", "hold_until", "auto_update");

  /** The policy with the hold released (reason and expiry go with it). */
  public ArtifactPolicy released() {
    return new ArtifactPolicy(false, null, null, autoUpdate);
  }

  /** The policy held, for {@code reason} (or none) until {@code until} (or without expiry). */
  public ArtifactPolicy heldFor(String reason, Instant until) {
    return new ArtifactPolicy(true, reason, until, autoUpdate);
  }

  /** The policy with {@code auto_update} set. */
  public ArtifactPolicy withAutoUpdate(AutoUpdate value) {
    return new ArtifactPolicy(hold, holdReason, holdUntil, value);
  }

  /**
   * The keys as written, null for a key left out: a default value ({@code hold = false}, {@code
   * auto_update = "off"}) is never written, and a reason or an expiry only with the hold.
   */
  LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("hold", hold ? Boolean.TRUE : null);
    f.put("hold_reason", hold ? holdReason : null);
    f.put("hold_until", hold ? holdUntil : null);
    f.put("auto_update", autoUpdate == AutoUpdate.OFF ? null : autoUpdate.id());
    return f;
  }

  /** Whether a table holds any of the policy keys. */
  static boolean writtenIn(Config t) {
    return KEYS.stream().anyMatch(t.valueMap()::containsKey);
  }

  /** Reads the policy keys of an {@code [[artifacts]]} table; absent keys are their defaults. */
  static ArtifactPolicy read(Config t) {
    Object hold = t.valueMap().get("hold");
    if (hold != null && !(hold instanceof Boolean)) {
      throw new InvalidTierFileException("hold", "must be true or false");
    }
    return new ArtifactPolicy(
        Boolean.TRUE.equals(hold),
        TomlValues.string(t, "hold_reason"),
        TomlValues.instant(t, "hold_until"),
        AutoUpdate.parse(TomlValues.string(t, "auto_update")));
  }
}
