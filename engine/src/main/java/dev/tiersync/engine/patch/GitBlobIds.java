package dev.tiersync.engine.patch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Git's object ids of blobs, for the {@code index} lines of the patches tiersync writes. */
public final class GitBlobIds {
  private GitBlobIds() {}

  /**
   * Git's blob id of {@code content} (SHA-1 over {@code blob <size>\0} and the bytes). It uses the
   * JDK's SHA-1, a CPU intrinsic, rather than JGit's collision-detecting one (several times slower):
   * these ids only name content tiersync hashes itself, for the patches' {@code index} lines.
   */
  public static String blobId(byte[] content) {
    MessageDigest sha1 = blobDigest(content.length);
    sha1.update(content);
    return HexFormat.of().formatHex(sha1.digest());
  }

  /** {@link #blobId(byte[])} of exactly {@code size} bytes read from {@code in}. */
  static String blobId(long size, InputStream in) throws IOException {
    MessageDigest sha1 = blobDigest(size);
    byte[] buf = new byte[64 * 1024];
    for (long left = size; left > 0; ) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("content ended " + left + " bytes early");
      }
      sha1.update(buf, 0, n);
      left -= n;
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  private static MessageDigest blobDigest(long size) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      return sha1;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
