package dev.tiersync.engine.diff;

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
    int state = 0;
    int pos = 0;
    while (pos < content.length) {
      int end = pos;
      while (end < content.length && content[end] != '\n') {
        end++;
      }
      int len = end - pos;
      if (len > 0 && content[end - 1] == '\r') {
        len--;
      }
      if (state == 0 && startsMarker(content, pos, len, (byte) '<')) {
        state = 1;
      } else if (state == 1 && isSeparator(content, pos, len)) {
        state = 2;
      } else if (state == 2 && startsMarker(content, pos, len, (byte) '>')) {
        return true;
      }
      pos = end + 1;
    }
    return false;
  }

  private static boolean startsMarker(byte[] c, int pos, int len, byte ch) {
    if (len < 7) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (c[pos + i] != ch) {
        return false;
      }
    }
    return len == 7 || c[pos + 7] == ' ';
  }

  private static boolean isSeparator(byte[] c, int pos, int len) {
    if (len != 7) {
      return false;
    }
    for (int i = 0; i < 7; i++) {
      if (c[pos + i] != '=') {
        return false;
      }
    }
    return true;
  }
}
