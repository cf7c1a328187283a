package dev.tiersync.engine.model;

/** Thrown when an artifact id or name breaks the naming rules; the message names the rule. */
public class InvalidArtifactIdException extends IllegalArgumentException {
  private final String field;

  public InvalidArtifactIdException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field the bad value came from (e.g. {@code artifact_ids}). */
  public String field() {
    return field;
  }
}
