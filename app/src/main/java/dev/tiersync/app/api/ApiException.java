package dev.tiersync.app.api;

import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, with the HTTP status, the request field at fault (or null) and the
 * rule it broke; rendered as an RFC 9457 problem document.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String field;
  private final Long retryAfterSeconds;

  public ApiException(HttpStatus status, String field, String message) {
    this(status, field, message, null);
  }

  private ApiException(HttpStatus status, String field, String message, Long retryAfterSeconds) {
    super(message);
    this.status = status;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429: the caller should wait {@code retryAfterSeconds} (sent as {@code Retry-After}). */
  public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
    return new ApiException(HttpStatus.TOO_MANY_REQUESTS, null, message, retryAfterSeconds);
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

  /** Seconds to wait before retrying, or null when a retry would not help. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
