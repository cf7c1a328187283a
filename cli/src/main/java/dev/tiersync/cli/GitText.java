package dev.tiersync.cli;

/** Commits as tables show them: a short sha, the day of an ISO-8601 time. */
final class GitText {
  private GitText() {}

  /** The first 8 hex digits of a commit, or {@code -}. */
  static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(8, sha.length()));
  }

  /** {@code 2026-01-02} of {@code 2026-01-02T10:00:00Z}, or null. */
  static String day(String isoTime) {
    return isoTime == null ? null : isoTime.substring(0, Math.min(10, isoTime.length()));
  }
}
