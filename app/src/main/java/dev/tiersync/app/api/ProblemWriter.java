package dev.tiersync.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem document straight to a servlet response, for refusals made before a request
 * reaches a controller (authentication, request limits), so they look like every other error.
 */
@Component
public class ProblemWriter {
  private final ObjectMapper json;

  public ProblemWriter(ObjectMapper json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, HttpStatus status, String field, String detail) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem(status, field, detail));
  }

  /** The problem document used by every refusal: status, reason as title, the rule as detail. */
  public static ProblemDetail problem(HttpStatus status, String field, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(status.getReasonPhrase());
    if (field != null) {
      p.setProperty("field", field);
    }
    return p;
  }
}
