package dev.tiersync.app.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page as a problem document instead of HTML. It only answers requests
 * Tomcat refuses before they reach the application (a URL with an encoded {@code /}, {@code \} or
 * NUL, a malformed request line, oversized headers); everything else already has a body.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get() || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String detail =
        status == 400
            ? "the request is malformed or its URL is refused (an encoded '/', '\\\\' or NUL, or a path leaving the API)"
            : title;
    String json =
        "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(null);
      try (OutputStream out = response.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over; nothing more can be said.
    }
  }
}
