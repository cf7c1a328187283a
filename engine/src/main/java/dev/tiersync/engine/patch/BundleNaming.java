package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The names a patch bundle gives things: its patch files, its branch, its compare link. */
final class BundleNaming {
  private BundleNaming() {}

  /** {@code patches/<type>-<name>.patch}, numbered when two names sanitise alike. */
  static String uniquePatchName(ArtifactId id, Set<String> taken) {
    String slug = EntryNames.slug(id);
    String name = EntryNames.PATCHES + slug + ".patch";
    for (int n = 2; !taken.add(name); n++) {
      name = EntryNames.PATCHES + slug + "-" + n + ".patch";
    }
    return name;
  }

  /** {@code tiersync/patch-<8 hex>} over the artifacts and their project hashes. */
  static String bundleBranch(List<ArtifactPatchSummary> summaries) {
    MessageDigest md = ArtifactTree.sha256();
    for (ArtifactPatchSummary s : summaries) {
      md.update((s.artifactId() + "\0" + s.projectHash() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return "tiersync/patch-" + HexFormat.of().formatHex(md.digest()).substring(0, 8);
  }

  /**
   * A compare link for the whole bundle when all artifacts share one GitHub repository and base.
   */
  static String bundlePrUrl(List<ArtifactPatchSummary> summaries, String branch) {
    Set<String> targets = new HashSet<>();
    for (ArtifactPatchSummary s : summaries) {
      Optional<String> repo = GitHubLinks.repository(s.upstreamUrl());
      if (repo.isEmpty()) {
        return null;
      }
      targets.add(repo.get() + "\0" + s.headRef());
    }
    if (targets.size() != 1) {
      return null;
    }
    String[] target = targets.iterator().next().split("\0", 2);
    return GitHubLinks.compareUrl(target[0], target[1], branch);
  }
}
