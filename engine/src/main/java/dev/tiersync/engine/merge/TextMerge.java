package dev.tiersync.engine.merge;

import dev.tiersync.engine.diff.GitLineDiffs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Three-way merge of one text file with the results of {@code git merge-file --diff3}: the same
 * hunks are merged cleanly, the same regions conflict (including changes that merely touch), and
 * conflicts are written with the same markers, base section and line endings.
 *
 * <p>Diff3 output shows the base, so, as in Git, conflicts are not narrowed to the lines where
 * the two sides differ; identical changes on both sides are not a conflict.
 */
public final class TextMerge {
  /** The labels written after the markers: destination tier, base, source tier. */
  public record Labels(String ours, String base, String theirs) {
    public Labels {
      for (String s : new String[] {ours, base, theirs}) {
        if (s != null && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)) {
          throw new IllegalArgumentException("merge labels must be a single line");
        }
      }
    }
  }

  /** The merged bytes and the number of conflict blocks written into them. */
  public record Result(byte[] content, int conflicts) {
    public boolean clean() {
      return conflicts == 0;
    }
  }

  /** What a {@link Hunk} of a merge is. */
  public enum HunkKind {
    /** Lines both sides hold alike: unchanged from the base, or changed the same way. */
    COMMON,
    /** Only ours (the destination) changed these lines; the merge takes ours. */
    OURS,
    /** Only theirs (the source) changed these lines; the merge takes theirs. */
    THEIRS,
    /** Both sides changed these lines differently: a conflict block. */
    CONFLICT
  }

  /**
   * One region of a merge, as lines (0-based start, count) of each version; the hunks of a merge
   * cover every line of the three versions in order. A {@code COMMON} hunk's lines are equal in
   * ours and theirs (its base lines may differ, when both sides made the same change).
   */
  public record Hunk(
      HunkKind kind,
      int baseStart,
      int baseCount,
      int oursStart,
      int oursCount,
      int theirsStart,
      int theirsCount) {}

  private static final int MARKER_SIZE = 7;

  /** A merged region; mode 0 = conflict, 1 = take ours, 2 = take theirs. */
  private static final class Region {
    int mode;
    int i0;
    int chg0;
    int i1;
    int chg1;
    int i2;
    int chg2;

    Region(int mode, int i0, int chg0, int i1, int chg1, int i2, int chg2) {
      this.mode = mode;
      this.i0 = i0;
      this.chg0 = chg0;
      this.i1 = i1;
      this.chg1 = chg1;
      this.i2 = i2;
      this.chg2 = chg2;
    }
  }

  private TextMerge() {}

  /** Merges {@code ours} and {@code theirs}, both descended from {@code base}. */
  public static Result merge(byte[] base, byte[] ours, byte[] theirs, Labels labels) {
    return merge(base, ours, theirs, labels, false);
  }

  /** With {@code union}, conflicts are written as both sides' lines, ours first, and not counted. */
  private static Result merge(
      byte[] base, byte[] ours, byte[] theirs, Labels labels, boolean union) {
    GitLineDiffs.Lines b = GitLineDiffs.lines(base);
    GitLineDiffs.Lines o = GitLineDiffs.lines(ours);
    GitLineDiffs.Lines t = GitLineDiffs.lines(theirs);
    List<GitLineDiffs.Change> x1 = GitLineDiffs.changes(b, o);
    List<GitLineDiffs.Change> x2 = GitLineDiffs.changes(b, t);
    if (x1.isEmpty()) {
      return new Result(theirs.clone(), 0);
    }
    if (x2.isEmpty()) {
      return new Result(ours.clone(), 0);
    }
    List<Region> regions = plan(x1, x2, o, t, b.size());
    int conflicts = 0;
    for (Region r : regions) {
      if (r.mode == 0 && !union) {
        conflicts++;
      }
    }
    return new Result(write(regions, b, o, t, labels, union), conflicts);
  }

  /**
   * The hunks of the merge {@link #merge} makes: the same regions, and the same conflicts, in
   * order; the lines between them are {@link HunkKind#COMMON}.
   */
  public static List<Hunk> hunks(byte[] base, byte[] ours, byte[] theirs) {
    GitLineDiffs.Lines b = GitLineDiffs.lines(base);
    GitLineDiffs.Lines o = GitLineDiffs.lines(ours);
    GitLineDiffs.Lines t = GitLineDiffs.lines(theirs);
    List<Region> regions =
        plan(GitLineDiffs.changes(b, o), GitLineDiffs.changes(b, t), o, t, b.size());
    List<Hunk> out = new ArrayList<>();
    int i0 = 0;
    int i1 = 0;
    int i2 = 0;
    for (Region m : regions) {
      common(out, i0, m.i0, i1, m.i1, i2, m.i2);
      HunkKind kind =
          m.mode == 0 ? HunkKind.CONFLICT : m.mode == 1 ? HunkKind.OURS : HunkKind.THEIRS;
      out.add(new Hunk(kind, m.i0, m.chg0, m.i1, m.chg1, m.i2, m.chg2));
      i0 = m.i0 + m.chg0;
      i1 = m.i1 + m.chg1;
      i2 = m.i2 + m.chg2;
    }
    common(out, i0, b.size(), i1, o.size(), i2, t.size());
    return out;
  }

  /**
   * The text of {@code count} lines from line {@code from} (0-based) of a version split by {@link
   * GitLineDiffs#lines}, with their line breaks; empty for no lines. Decoded as UTF-8.
   */
  public static String text(GitLineDiffs.Lines lines, int from, int count) {
    if (count < 1) {
      return "";
    }
    int start = lines.start(from);
    return new String(
        lines.data(), start, lines.end(from + count - 1) - start, StandardCharsets.UTF_8);
  }

  private static void common(List<Hunk> out, int b0, int b1, int o0, int o1, int t0, int t1) {
    if (b1 > b0 || o1 > o0 || t1 > t0) {
      out.add(new Hunk(HunkKind.COMMON, b0, b1 - b0, o0, o1 - o0, t0, t1 - t0));
    }
  }

  /**
   * The merge with every conflict settled by taking both sides' lines, ours first, and no
   * markers: the output of {@code git merge-file --diff3 --union} (diff3, because the hunks are
   * those of {@link #merge}; plain {@code --union} first narrows each conflict to the lines where
   * the sides differ).
   */
  public static byte[] union(byte[] base, byte[] ours, byte[] theirs) {
    return merge(base, ours, theirs, null, true).content();
  }

  private static List<Region> plan(
      List<GitLineDiffs.Change> x1,
      List<GitLineDiffs.Change> x2,
      GitLineDiffs.Lines o,
      GitLineDiffs.Lines t,
      int baseSize) {
    List<Region> out = new ArrayList<>();
    int p = 0;
    int q = 0;
    while (p < x1.size() && q < x2.size()) {
      GitLineDiffs.Change a = x1.get(p);
      GitLineDiffs.Change c = x2.get(q);
      // Strict comparisons: a change that ends where the other begins counts as overlapping.
      if (a.i1() + a.chg1() < c.i1()) {
        append(out, 1, a.i1(), a.chg1(), a.i2(), a.chg2(), c.i2() - c.i1() + a.i1(), a.chg1());
        p++;
        continue;
      }
      if (c.i1() + c.chg1() < a.i1()) {
        append(out, 2, c.i1(), c.chg1(), a.i2() - a.i1() + c.i1(), c.chg1(), c.i2(), c.chg2());
        q++;
        continue;
      }
      boolean identical =
          a.i1() == c.i1()
              && a.chg1() == c.chg1()
              && a.chg2() == c.chg2()
              && GitLineDiffs.sameLines(o, a.i2(), t, c.i2(), a.chg2());
      if (!identical) {
        int off = a.i1() - c.i1();
        int ffo = off + a.chg1() - c.chg1();
        int i0 = a.i1();
        int i1 = a.i2();
        int i2 = c.i2();
        if (off > 0) {
          i0 -= off;
          i1 -= off;
        } else {
          i2 += off;
        }
        int chg0 = a.i1() + a.chg1() - i0;
        int chg1 = a.i2() + a.chg2() - i1;
        int chg2 = c.i2() + c.chg2() - i2;
        if (ffo < 0) {
          chg0 -= ffo;
          chg1 -= ffo;
        } else {
          chg2 += ffo;
        }
        append(out, 0, i0, chg0, i1, chg1, i2, chg2);
      }
      int end1 = a.i1() + a.chg1();
      int end2 = c.i1() + c.chg1();
      if (end1 >= end2) {
        q++;
      }
      if (end2 >= end1) {
        p++;
      }
    }
    int theirsShift = t.size() - baseSize;
    for (; p < x1.size(); p++) {
      GitLineDiffs.Change a = x1.get(p);
      append(out, 1, a.i1(), a.chg1(), a.i2(), a.chg2(), a.i1() + theirsShift, a.chg1());
    }
    int oursShift = o.size() - baseSize;
    for (; q < x2.size(); q++) {
      GitLineDiffs.Change c = x2.get(q);
      append(out, 2, c.i1(), c.chg1(), c.i1() + oursShift, c.chg1(), c.i2(), c.chg2());
    }
    return out;
  }

  /** Adds a region, folding it into the previous one when they overlap or touch on either side. */
  private static void append(
      List<Region> out, int mode, int i0, int chg0, int i1, int chg1, int i2, int chg2) {
    Region m = out.isEmpty() ? null : out.get(out.size() - 1);
    if (m != null && (i1 <= m.i1 + m.chg1 || i2 <= m.i2 + m.chg2)) {
      if (mode != m.mode) {
        m.mode = 0;
      }
      m.chg0 = i0 + chg0 - m.i0;
      m.chg1 = i1 + chg1 - m.i1;
      m.chg2 = i2 + chg2 - m.i2;
    } else {
      out.add(new Region(mode, i0, chg0, i1, chg1, i2, chg2));
    }
  }

  private static byte[] write(
      List<Region> regions,
      GitLineDiffs.Lines b,
      GitLineDiffs.Lines o,
      GitLineDiffs.Lines t,
      Labels labels,
      boolean union) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(o.data().length + t.data().length);
    int i = 0;
    for (Region m : regions) {
      copy(out, o, i, m.i1 - i, false, false);
      if (m.mode == 0 && union) {
        // As git merge-file --union: ours (given a final newline), then theirs, no markers.
        copy(out, o, m.i1, m.chg1, needsCr(b, o, t, m), true);
        copy(out, t, m.i2, m.chg2, false, false);
      } else if (m.mode == 0) {
        boolean cr = needsCr(b, o, t, m);
        marker(out, '<', labels.ours(), cr);
        copy(out, o, m.i1, m.chg1, cr, true);
        marker(out, '|', labels.base(), cr);
        copy(out, b, m.i0, m.chg0, cr, true);
        marker(out, '=', null, cr);
        copy(out, t, m.i2, m.chg2, cr, true);
        marker(out, '>', labels.theirs(), cr);
      } else if (m.mode == 1) {
        copy(out, o, m.i1, m.chg1, false, false);
      } else {
        copy(out, t, m.i2, m.chg2, false, false);
      }
      i = m.i1 + m.chg1;
    }
    copy(out, o, i, o.size() - i, false, false);
    return out.toByteArray();
  }

  /**
   * Markers follow the line endings around the conflict: CRLF only when ours, theirs and base
   * all use CRLF where Git looks (the line before the conflict on each side, the base's first).
   */
  private static boolean needsCr(
      GitLineDiffs.Lines b, GitLineDiffs.Lines o, GitLineDiffs.Lines t, Region m) {
    int style = o.eolStyle(m.i1 > 0 ? m.i1 - 1 : 0);
    if (style != 0) {
      style = t.eolStyle(m.i2 > 0 ? m.i2 - 1 : 0);
    }
    if (style != 0) {
      style = b.eolStyle(0);
    }
    return style > 0;
  }

  private static void marker(ByteArrayOutputStream out, char c, String label, boolean cr) {
    for (int k = 0; k < MARKER_SIZE; k++) {
      out.write(c);
    }
    if (label != null && !label.isEmpty()) {
      out.write(' ');
      out.writeBytes(label.getBytes(StandardCharsets.UTF_8));
    }
    if (cr) {
      out.write('\r');
    }
    out.write('\n');
  }

  private static void copy(
      ByteArrayOutputStream out,
      GitLineDiffs.Lines f,
      int from,
      int count,
      boolean cr,
      boolean addNewline) {
    if (count < 1) {
      return;
    }
    int start = f.start(from);
    int end = f.end(from + count - 1);
    out.write(f.data(), start, end - start);
    if (addNewline && !f.hasNewline(from + count - 1)) {
      if (cr) {
        out.write('\r');
      }
      out.write('\n');
    }
  }
}
