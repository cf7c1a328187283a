package dev.tiersync.engine.diff;

import java.util.List;

/**
 * The line-level building blocks of the Git-compatible diff, exposed for the merge engine:
 * records, the raw edit script in xdiff's terms, and record comparison.
 */
public final class GitLineDiffs {
  private GitLineDiffs() {}

  /** A file split into line records; see {@link LineRecords}. */
  public static final class Lines {
    private final LineRecords records;

    private Lines(LineRecords records) {
      this.records = records;
    }

    public int size() {
      return records.size();
    }

    public byte[] data() {
      return records.data();
    }

    public int start(int i) {
      return records.start(i);
    }

    public int end(int i) {
      return records.end(i);
    }

    public boolean hasNewline(int i) {
      return records.hasNewline(i);
    }

    /** 1 = CRLF, 0 = LF, -1 = cannot tell; judged as xdiff does for conflict markers. */
    public int eolStyle(int i) {
      return records.eolStyle(i);
    }
  }

  /** Lines {@code [i1, i1+chg1)} of the first file became {@code [i2, i2+chg2)} of the second. */
  public record Change(int i1, int chg1, int i2, int chg2) {}

  public static Lines lines(byte[] data) {
    return new Lines(LineRecords.split(data));
  }

  /** The compacted edit script from {@code a} to {@code b}. */
  public static List<Change> changes(Lines a, Lines b) {
    return XdiffMyers.diff(a.records, b.records).stream()
        .map(c -> new Change(c.i1(), c.chg1(), c.i2(), c.chg2()))
        .toList();
  }

  /** Whether {@code count} lines of {@code a} from {@code i} equal those of {@code b} from {@code j}. */
  public static boolean sameLines(Lines a, int i, Lines b, int j, int count) {
    for (int k = 0; k < count; k++) {
      if (!LineRecords.sameRecord(a.records, i + k, b.records, j + k)) {
        return false;
      }
    }
    return true;
  }
}
