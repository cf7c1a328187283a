package dev.tiersync.engine.diff;

import java.io.IOException;
import java.io.InputStream;

/** Text/binary and conflict-marker detection shared by diff, merge and status. */
public final class ContentKind {
  /** Git's look-ahead for binary detection: a NUL in the first 8000 bytes. */
  public static final int BINARY_SNIFF_BYTES = 8000;

  private ContentKind() {}

  /** Whether Git would treat these bytes as binary (a NUL in the first 8000 bytes). */
  public static boolean isBinary(byte[] content) {
    int n = Math.min(content.length, BINARY_SNIFF_BYTES);
    for (int i = 0; i < n; i++) {
      if (content[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the text holds unresolved conflict markers: a line starting {@code <<<<<<<}, then a
   * line that is exactly {@code =======}, then a line starting {@code >>>>>>>}, in that order.
   * A Markdown {@code ====} underline or a lone marker-like line is not a conflict.
   */
  public static boolean hasConflictMarkers(byte[] content) {
    MarkerScan scan = new MarkerScan();
    return scan.feed(content, content.length) || scan.finish();
  }

  /**
   * {@link #hasConflictMarkers(byte[])} over a stream, read in small buffers up to the markers or
   * the end, so that a large file is never held in memory whole.
   */
  public static boolean hasConflictMarkers(InputStream in) throws IOException {
    MarkerScan scan = new MarkerScan();
    byte[] buf = new byte[64 * 1024];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      if (scan.feed(buf, n)) {
        return true;
      }
    }
    return scan.finish();
  }

  /**
   * Looks for the three markers line by line as bytes arrive, keeping only the first eight bytes
   * of the current line, its length and its last byte: all that the marker rules look at.
   */
  private static final class MarkerScan {
    private final byte[] head = new byte[8];
    private long length;
    private byte last;
    private int state;

    /** Feeds {@code n} bytes; returns true once all three markers have been seen. */
    boolean feed(byte[] bytes, int n) {
      for (int i = 0; i < n; i++) {
        byte b = bytes[i];
        if (b == '\n') {
          if (endLine()) {
            return true;
          }
        } else {
          if (length < head.length) {
            head[(int) length] = b;
          }
          length++;
          last = b;
        }
      }
      return false;
    }

    /** Ends the input: a last line without a newline still counts. */
    boolean finish() {
      return length > 0 && endLine();
    }

    private boolean endLine() {
      long len = length > 0 && last == '\r' ? length - 1 : length;
      boolean found = false;
      if (state == 0 && startsMarker(len, (byte) '<')) {
        state = 1;
      } else if (state == 1 && isSeparator(len)) {
        state = 2;
      } else if (state == 2 && startsMarker(len, (byte) '>')) {
        found = true;
      }
      length = 0;
      last = 0;
      return found;
    }

    private boolean startsMarker(long len, byte ch) {
      if (len < 7) {
        return false;
      }
      for (int i = 0; i < 7; i++) {
        if (head[i] != ch) {
          return false;
        }
      }
      return len == 7 || head[7] == ' ';
    }

    private boolean isSeparator(long len) {
      if (len != 7) {
        return false;
      }
      for (int i = 0; i < 7; i++) {
        if (head[i] != '=') {
          return false;
        }
      }
      return true;
    }
  }
}
