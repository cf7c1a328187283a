package dev.tiersync.app.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    log.error("{} failed", where, e);
    return ProblemWriter.problem(
        HttpStatus.INTERNAL_SERVER_ERROR, null, "the server failed to answer this request; the server log has the cause");
  }
}
