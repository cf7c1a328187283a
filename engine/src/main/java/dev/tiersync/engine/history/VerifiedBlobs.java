package dev.tiersync.engine.history;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Stores a file's bytes as a blob while checking them against the sha256 and size its entry
 * claims, so a file that changed while being stored is refused rather than recorded under the
 * wrong hash.
 */
final class VerifiedBlobs {
  private VerifiedBlobs() {}

  /** A stored blob and the sha256 of its bytes. */
  record Stored(ObjectId id, String sha256) {}

  /**
   * Streams the entry's bytes into a blob.
   *
   * @throws HistoryIntegrityException if the bytes are shorter, longer or other than the entry
   *     says; the inserter is then not to be flushed
   */
  static Stored insert(ObjectInserter inserter, FileEntry e) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    ObjectId id;
    long count;
    try (InputStream raw = e.open();
        DigestingStream in = new DigestingStream(raw, md)) {
      try {
        id = inserter.insert(Constants.OBJ_BLOB, e.size(), in);
      } catch (EOFException shorter) {
        throw integrity(e, "ended before its recorded size " + e.size());
      }
      // Drain what the inserter did not consume so a file that grew is noticed.
      byte[] rest = new byte[8192];
      while (in.read(rest) > 0) {
        // counted and digested by the stream
      }
      count = in.count;
    }
    if (count != e.size()) {
      throw integrity(e, "has " + count + " bytes, expected " + e.size());
    }
    String digest = HexFormat.of().formatHex(md.digest());
    if (!digest.equals(e.sha256())) {
      throw integrity(e, "has sha256 " + digest + ", expected " + e.sha256());
    }
    return new Stored(id, digest);
  }

  private static HistoryIntegrityException integrity(FileEntry e, String what) {
    return new HistoryIntegrityException(
        "'" + e.path() + "' " + what + " (did it change while being stored?)");
  }

  /** Counts and digests every byte read through it, however the reader consumes the stream. */
  private static final class DigestingStream extends FilterInputStream {
    private final MessageDigest md;
    private long count;

    DigestingStream(InputStream in, MessageDigest md) {
      super(in);
      this.md = md;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        md.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        md.update(b, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r <= 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
