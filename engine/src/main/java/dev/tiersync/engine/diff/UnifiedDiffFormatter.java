package dev.tiersync.engine.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link LineDiff} as the hunks of a Git-style unified diff ({@code @@ -a,b +c,d @@},
 * context lines, {@code \ No newline at end of file}), grouping changes whose gap is at most twice
 * the context as Git does.
 */
public final class UnifiedDiffFormatter {
  private static final byte[] NO_NEWLINE =
      "\n\\ No newline at end of file\n".getBytes(StandardCharsets.US_ASCII);

  private final int context;

  public UnifiedDiffFormatter(int context) {
    if (context < 0) {
      throw new IllegalArgumentException("context must be >= 0");
    }
    this.context = context;
  }

  /** The hunks only (no file header). Empty when the diff is empty. */
  public byte[] hunks(LineDiff diff) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeHunks(diff, out);
    return out.toByteArray();
  }

  /** Appends the hunks of {@code diff} to {@code out}. */
  public void writeHunks(LineDiff diff, ByteArrayOutputStream out) {
    List<LineDiff.Edit> edits = diff.edits();
    LineRecords a = diff.oldLines();
    LineRecords b = diff.newLines();
    int i = 0;
    while (i < edits.size()) {
      int j = i;
      while (j + 1 < edits.size()) {
        LineDiff.Edit cur = edits.get(j);
        LineDiff.Edit next = edits.get(j + 1);
        if (next.start1() - (cur.start1() + cur.count1()) > 2 * context) {
          break;
        }
        j++;
      }
      LineDiff.Edit first = edits.get(i);
      LineDiff.Edit last = edits.get(j);
      int s1 = Math.max(first.start1() - context, 0);
      int s2 = Math.max(first.start2() - context, 0);
      int e1 = Math.min(last.start1() + last.count1() + context, a.size());
      int e2 = Math.min(last.start2() + last.count2() + context, b.size());
      writeHeader(out, s1, e1 - s1, s2, e2 - s2);
      int p = s1;
      for (int k = i; k <= j; k++) {
        LineDiff.Edit e = edits.get(k);
        for (; p < e.start1(); p++) {
          line(out, ' ', a, p);
        }
        for (int q = e.start1(); q < e.start1() + e.count1(); q++) {
          line(out, '-', a, q);
        }
        for (int q = e.start2(); q < e.start2() + e.count2(); q++) {
          line(out, '+', b, q);
        }
        p = e.start1() + e.count1();
      }
      for (; p < e1; p++) {
        line(out, ' ', a, p);
      }
      i = j + 1;
    }
  }

  private static void writeHeader(ByteArrayOutputStream out, int s1, int c1, int s2, int c2) {
    StringBuilder h = new StringBuilder("@@ -");
    range(h, s1, c1);
    h.append(" +");
    range(h, s2, c2);
    h.append(" @@\n");
    out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static void range(StringBuilder h, int start, int count) {
    h.append(count == 0 ? start : start + 1);
    if (count != 1) {
      h.append(',').append(count);
    }
  }

  private static void line(ByteArrayOutputStream out, char prefix, LineRecords f, int i) {
    out.write(prefix);
    out.write(f.data(), f.start(i), f.length(i));
    if (!f.hasNewline(i)) {
      out.writeBytes(NO_NEWLINE);
    }
  }
}
