package dev.tiersync.engine.browse;

/** An upstream URL that is not one of the forms tiersync reads; names the request field. */
public class InvalidUpstreamUrlException extends IllegalArgumentException {
  private final String field;

  public InvalidUpstreamUrlException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field at fault. */
  public String field() {
    return field;
  }
}
