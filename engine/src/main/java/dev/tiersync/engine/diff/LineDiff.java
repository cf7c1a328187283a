package dev.tiersync.engine.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The line diff of two byte buffers, with the counts {@code git diff --numstat} reports and the
 * edit script behind them. Line endings are part of a line, as in Git: a CRLF-only change
 * counts as a changed line.
 */
public final class LineDiff {
  /** Lines {@code [start1, start1+count1)} of the old side became {@code [start2, start2+count2)}. */
  public record Edit(int start1, int count1, int start2, int count2) {}

  private final LineRecords oldLines;
  private final LineRecords newLines;
  private final List<Edit> edits;
  private final int added;
  private final int removed;

  private LineDiff(LineRecords oldLines, LineRecords newLines, List<Edit> edits) {
    this.oldLines = oldLines;
    this.newLines = newLines;
    this.edits = Collections.unmodifiableList(edits);
    int a = 0;
    int r = 0;
    for (Edit e : edits) {
      a += e.count2;
      r += e.count1;
    }
    this.added = a;
    this.removed = r;
  }

  /** Diffs two text buffers. */
  public static LineDiff of(byte[] oldContent, byte[] newContent) {
    LineRecords a = LineRecords.split(oldContent);
    LineRecords b = LineRecords.split(newContent);
    List<Edit> edits = new ArrayList<>();
    for (XdiffMyers.Change c : XdiffMyers.diff(a, b)) {
      edits.add(new Edit(c.i1(), c.chg1(), c.i2(), c.chg2()));
    }
    return new LineDiff(a, b, edits);
  }

  public List<Edit> edits() {
    return edits;
  }

  public int linesAdded() {
    return added;
  }

  public int linesRemoved() {
    return removed;
  }

  public boolean isEmpty() {
    return edits.isEmpty();
  }

  LineRecords oldLines() {
    return oldLines;
  }

  LineRecords newLines() {
    return newLines;
  }

  /**
   * Whether every change is only a line-ending change: the two sides are equal once CR before LF
   * is ignored. Used to report "CRLF-only change" rather than a wall of edited lines.
   */
  public static boolean isLineEndingOnlyChange(byte[] a, byte[] b) {
    if (java.util.Arrays.equals(a, b)) {
      return false;
    }
    return java.util.Arrays.equals(stripCr(a), stripCr(b));
  }

  private static byte[] stripCr(byte[] in) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
        continue;
      }
      out.write(in[i]);
    }
    return out.toByteArray();
  }
}
