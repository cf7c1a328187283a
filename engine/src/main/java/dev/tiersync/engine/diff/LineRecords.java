package dev.tiersync.engine.diff;

import java.util.Arrays;

/**
 * A byte buffer split into line records the way Git's xdiff does: each record includes its
 * terminating {@code \n}; the last record may lack one. No decoding happens, so CRLF and any
 * encoding survive byte for byte.
 */
public final class LineRecords {
  private final byte[] data;
  private final int[] starts;

  private LineRecords(byte[] data, int[] starts) {
    this.data = data;
    this.starts = starts;
  }

  public static LineRecords split(byte[] data) {
    int words = data.length & ~7;
    int count = 0;
    for (int i = 0; i < words; i += 8) {
      count += Long.bitCount(Words.lineFeeds(Words.at(data, i)));
    }
    for (int i = words; i < data.length; i++) {
      if (data[i] == '\n') {
        count++;
      }
    }
    boolean partialLast = data.length > 0 && data[data.length - 1] != '\n';
    int n = count + (partialLast ? 1 : 0);
    int[] starts = new int[n + 1];
    int r = 0;
    for (int i = 0; i < words; i += 8) {
      for (long m = Words.lineFeeds(Words.at(data, i)); m != 0; m &= m - 1) {
        starts[++r] = i + Words.byteIndex(m) + 1;
      }
    }
    for (int i = words; i < data.length; i++) {
      if (data[i] == '\n') {
        starts[++r] = i + 1;
      }
    }
    starts[n] = data.length;
    return new LineRecords(data, starts);
  }

  public byte[] data() {
    return data;
  }

  /** Number of records. */
  public int size() {
    return starts.length - 1;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return starts[i + 1];
  }

  public int length(int i) {
    return starts[i + 1] - starts[i];
  }

  /** Whether record {@code i} ends with a line feed. */
  public boolean hasNewline(int i) {
    int len = length(i);
    return len > 0 && data[starts[i + 1] - 1] == '\n';
  }

  /** Whether the file's last record lacks a line feed. */
  public boolean missingFinalNewline() {
    return size() > 0 && !hasNewline(size() - 1);
  }

  /** Whether two records hold the same bytes. */
  public static boolean sameRecord(LineRecords a, int i, LineRecords b, int j) {
    return Arrays.equals(a.data, a.start(i), a.end(i), b.data, b.start(j), b.end(j));
  }

  /**
   * The line-ending style of record {@code i} as xdiff judges it for conflict markers: 1 for
   * CRLF, 0 for LF, -1 when it cannot tell (empty file, or a lone unterminated line).
   */
  int eolStyle(int i) {
    int n = size();
    if (n == 0) {
      return -1;
    }
    if (i < n - 1) {
      return isCrlf(i) ? 1 : 0;
    }
    if (hasNewline(i)) {
      return isCrlf(i) ? 1 : 0;
    }
    if (i == 0) {
      return -1;
    }
    return isCrlf(i - 1) ? 1 : 0;
  }

  private boolean isCrlf(int i) {
    int len = length(i);
    return len > 1 && data[starts[i + 1] - 2] == '\r' && data[starts[i + 1] - 1] == '\n';
  }
}
