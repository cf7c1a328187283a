package dev.tiersync.app.api;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page (its JSON or HTML body) with problem documents. The
 * servlet container forwards here what failed outside the controllers (a filter, a {@code
 * sendError}); a client asking for {@code /error} itself gets the 404 of any unknown path, never a
 * 500.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

  @RequestMapping
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    ProblemDetail p = problem(request);
    return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  private static ProblemDetail problem(HttpServletRequest request) {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      return ProblemWriter.problem(HttpStatus.NOT_FOUND, null, "no such resource: " + request.getRequestURI());
    }
    String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure instanceof Throwable t) {
      return Problems.unexpected(t, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null ? "a request" : uri);
    }
    HttpStatus status =
        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
            ? HttpStatus.resolve(code)
            : null;
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String detail = message instanceof String m && !m.isBlank() ? m : status.getReasonPhrase();
    return ProblemWriter.problem(status, null, detail);
  }
}
