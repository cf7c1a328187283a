package dev.tiersync.engine.tier;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hash SkillMeat itself writes into {@code content_hash} (its {@code
 * compute_content_hash}): for a file, sha256 of the bytes; for a folder, sha256 over each file's
 * relative path immediately followed by its bytes, files ordered by path components. It is not
 * tiersync's canonical hash; tiersync computes it only to recognise which version a tracking
 * entry written by SkillMeat refers to, so that such an entry still yields a merge base.
 */
public final class SkillMeatHash {
  private SkillMeatHash() {}

  public static String of(ArtifactTree tree) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    if (tree.isSingleFile()) {
      update(md, tree.files().values().iterator().next());
      return HexFormat.of().formatHex(md.digest());
    }
    List<FileEntry> files = new ArrayList<>(tree.files().values());
    files.sort((a, b) -> compareParts(a.path().split("/"), b.path().split("/")));
    for (FileEntry e : files) {
      md.update(e.path().getBytes(StandardCharsets.UTF_8));
      update(md, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Python's ordering of {@code PurePosixPath}s: component by component. */
  private static int compareParts(String[] a, String[] b) {
    return Arrays.compare(a, b);
  }

  private static void update(MessageDigest md, FileEntry e) throws IOException {
    byte[] buf = new byte[8192];
    try (InputStream in = e.open()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
  }
}
