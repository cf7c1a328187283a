package dev.tiersync.app.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tiersync.app.api.ApiException;
import dev.tiersync.engine.tier.InvalidTierFileException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every refused request into an RFC 9457 problem document ({@code
 * application/problem+json}) whose {@code field} names the request field at fault and whose
 * {@code detail} states the rule.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }
    return response.body(body(e.status(), e.field(), e.getMessage()));
  }

  /**
   * A tier file that cannot be read as a whole (not TOML, not UTF-8, a broken {@code [collection]}
   * table): 409, naming the file ({@code file}), the line ({@code line}, when known) and the TOML
   * key ({@code key}, when known). The request is fine; the data on disk must be fixed first.
   */
  @ExceptionHandler(InvalidTierFileException.class)
  ResponseEntity<ProblemDetail> tierFile(InvalidTierFileException e) {
    ProblemDetail p = body(HttpStatus.CONFLICT, null, "cannot read a tier file: " + e.getMessage());
    p.setProperty("file", e.file() == null ? null : e.file().toString());
    p.setProperty("line", e.line());
    p.setProperty("key", e.field());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return problem(HttpStatus.BAD_REQUEST, e.getName(), e.getName() + " has the wrong type");
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = null;
    String detail = "request body is not valid JSON";
    Throwable cause = ex.getCause();
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof RequestLimitsFilter.BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .body(body(HttpStatus.PAYLOAD_TOO_LARGE, null, tooLarge.getMessage()));
      }
    }
    if (cause instanceof UnrecognizedPropertyException u) {
      field = u.getPropertyName();
      detail = "unknown field '" + field + "'";
    } else if (cause instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      field =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      detail = field + " has the wrong type";
    } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
      detail = "request body is required";
    }
    ProblemDetail p = body(HttpStatus.BAD_REQUEST, field, detail);
    return ResponseEntity.badRequest().body(p);
  }

  /**
   * Everything no other handler claims: a full disk is 507 Insufficient Storage naming the cause;
   * anything else is a 500 problem document (the trace goes to the log, not to the client).
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
    if (response.isCommitted()) {
      // Part of the answer is already out (a stream or a download): nothing can be added.
      log.warn("{} {} failed after the response started: {}", request.getMethod(), request.getRequestURI(), e.toString());
      return null;
    }
    ProblemDetail p = Problems.unexpected(e, request.getMethod() + " " + request.getRequestURI());
    return ResponseEntity.status(p.getStatus()).body(p);
  }

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
    return ResponseEntity.status(status).body(body(status, field, detail));
  }

  private static ProblemDetail body(HttpStatus status, String field, String detail) {
    return ProblemWriter.problem(status, field, detail);
  }
}
