package dev.tiersync.app.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the HTTP status, the request field at fault (or null) and the
 * rule it broke; rendered as an RFC 9457 problem document.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiException badRequest(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, field, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, null, message);
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(HttpStatus.CONFLICT, field, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
