package dev.tiersync.app.upstreams;

import dev.tiersync.engine.upstream.CommitInfo;
import java.time.Instant;

/**
 * One upstream commit as the API shows it.
 *
 * @param sha the full commit id
 * @param date the committer time (ISO-8601)
 * @param author {@code Name <email>}
 * @param subject the first line of the message
 */
public record CommitView(String sha, Instant date, String author, String subject) {
  public static CommitView of(CommitInfo c) {
    return c == null ? null : new CommitView(c.sha(), c.commitTime(), c.author(), c.shortMessage());
  }
}
