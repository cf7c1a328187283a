package dev.tiersync.engine.upstream;

import java.time.Instant;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * One upstream commit.
 *
 * @param sha full 40-digit commit id
 * @param commitTime committer time
 * @param author {@code Name <email>}
 * @param shortMessage the first line of the message
 */
public record CommitInfo(String sha, Instant commitTime, String author, String shortMessage) {
  static CommitInfo of(RevCommit c) {
    PersonIdent a = c.getAuthorIdent();
    return new CommitInfo(
        c.name(),
        Instant.ofEpochSecond(c.getCommitTime()),
        a.getName() + " <" + a.getEmailAddress() + ">",
        c.getShortMessage());
  }
}
