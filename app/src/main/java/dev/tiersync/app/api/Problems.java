package dev.tiersync.app.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Problem documents for failures nobody refused on purpose: a full disk, or a bug. */
final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /**
   * 507 with the cause when the disk is full (logged as one line: the cause is known), otherwise
   * 500 without internals (logged with the trace).
   *
   * @param where the request, for the log ({@code POST /api/v1/sync/jobs})
   */
  static ProblemDetail unexpected(Throwable e, String where) {
    if (StorageFull.in(e)) {
      log.error("{} failed: {} ({})", where, StorageFull.REASON, e.getMessage());
      return ProblemWriter.problem(
          HttpStatus.INSUFFICIENT_STORAGE,
          null,
          "the disk is full: " + StorageFull.REASON + "; the request was not carried out. Free disk space and retry.");
    }
    Throwable unreachable = unreachableDatabase(e);
    if (unreachable != null) {
      log.error("{} failed: the job store's database cannot be reached ({})", where, unreachable.getMessage());
      return ProblemWriter.problem(
          HttpStatus.SERVICE_UNAVAILABLE,
          null,
          "the job store's database cannot be reached; the request was not carried out. Retry when it is back.");
    }
    log.error("{} failed", where, e);
    return ProblemWriter.problem(
        HttpStatus.INTERNAL_SERVER_ERROR, null, "the server failed to answer this request; the server log has the cause");
  }

  /**
   * The failure of a database that is down or cut off (no connection within the pool's timeout, a
   * connection lost), as Spring names it: nothing the request did wrong, so 503 rather than 500.
   */
  private static Throwable unreachableDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException) {
        return t;
      }
    }
    return null;
  }
}
