package dev.tiersync.engine.patch;

import java.util.List;

/**
 * The outcome of applying one artifact's patch to the current upstream head.
 *
 * @param status clean, conflict or unknown
 * @param headSha the commit the patch was tried against
 * @param conflicts the files that do not apply (empty unless {@code status} is a conflict)
 * @param unchecked the files whose check was not possible (e.g. JGit cannot judge a CRLF file in
 *     memory and no {@code git} binary was found)
 */
public record TrialApplyResult(
    TrialApply status, String headSha, List<TrialIssue> conflicts, List<TrialIssue> unchecked) {
  public TrialApplyResult {
    conflicts = List.copyOf(conflicts);
    unchecked = List.copyOf(unchecked);
  }
}
