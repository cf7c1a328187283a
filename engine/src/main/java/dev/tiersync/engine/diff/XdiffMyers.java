package dev.tiersync.engine.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Line diff with the same observable results as Git's xdiff (the default "myers" algorithm that
 * {@code git diff} and {@code git merge-file} use): the same pre-processing (common ends trimmed,
 * lines without a match discarded, lines with very many matches discarded when they sit in runs
 * of unmatched lines), the same divide-and-conquer Myers search with its cost cap, and the same
 * sliding of change groups afterwards.
 *
 * <p>Matching Git's choices matters because several minimal diffs can exist for one pair of
 * files, and a three-way merge built on a different one reports different conflicts. The cost cap
 * also bounds the running time on pathological inputs, exactly where Git bounds it.
 */
final class XdiffMyers {
  private static final int MAX_EQ_LIMIT = 1024;
  private static final int SIMSCAN_WINDOW = 100;
  private static final int KEEP_DISCARDED_RUN = 4;
  private static final int MAX_COST_MIN = 256;
  private static final int HEUR_MIN_COST = 256;
  private static final int SNAKE_CNT = 20;
  private static final int K_HEUR = 4;
  private static final int LINE_MAX = Integer.MAX_VALUE;

  /** One side of the comparison: its line classes and which lines are changed. */
  static final class Side {
    final int[] ha;
    final int nrec;
    /** Changed flags with one sentinel slot on each end: line i lives at index i + 1. */
    final boolean[] changed;

    int dstart;
    int dend;
    int[] reducedIndex;
    int[] reducedHa;
    int nreff;

    Side(int[] ha) {
      this.ha = ha;
      this.nrec = ha.length;
      this.changed = new boolean[nrec + 2];
    }

    boolean isChanged(int i) {
      return changed[i + 1];
    }

    void setChanged(int i, boolean value) {
      changed[i + 1] = value;
    }
  }

  /** A change in xdiff's terms: lines [i1, i1+chg1) of file 1 became [i2, i2+chg2) of file 2. */
  record Change(int i1, int chg1, int i2, int chg2) {}

  private final Side s1;
  private final Side s2;

  private XdiffMyers(int[] ha1, int[] ha2) {
    this.s1 = new Side(ha1);
    this.s2 = new Side(ha2);
  }

  /** Diffs two files and returns the compacted edit script, in file order. */
  static List<Change> diff(LineRecords a, LineRecords b) {
    LineClassifier cls = new LineClassifier(a, b);
    XdiffMyers x = new XdiffMyers(cls.classes1, cls.classes2);
    x.run(cls.count1, cls.count2);
    compact(x.s1, x.s2);
    compact(x.s2, x.s1);
    return buildScript(x.s1, x.s2);
  }

  private void run(int[] count1, int[] count2) {
    trimEnds();
    cleanupRecords(count1, count2);
    int ndiags = s1.nreff + s2.nreff + 3;
    int[] kvdf = new int[2 * ndiags + 2];
    int[] kvdb = new int[2 * ndiags + 2];
    int offset = s2.nreff + 1;
    int mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
    recsCmp(0, s1.nreff, 0, s2.nreff, new int[][] {kvdf, kvdb}, offset, false, mxcost);
  }

  private void trimEnds() {
    int lim = Math.min(s1.nrec, s2.nrec);
    int i = 0;
    while (i < lim && s1.ha[i] == s2.ha[i]) {
      i++;
    }
    s1.dstart = s2.dstart = i;
    int rest = lim - i;
    int j = 0;
    while (j < rest && s1.ha[s1.nrec - 1 - j] == s2.ha[s2.nrec - 1 - j]) {
      j++;
    }
    s1.dend = s1.nrec - j - 1;
    s2.dend = s2.nrec - j - 1;
  }

  /**
   * Discards lines that cannot be part of any match (no equal line in the other file), and lines
   * with many matches when they sit inside runs of unmatched lines; both are marked changed
   * directly and the search runs on the remaining lines only.
   */
  private void cleanupRecords(int[] count1, int[] count2) {
    byte[] dis1 = classify(s1, count2);
    byte[] dis2 = classify(s2, count1);
    reduce(s1, dis1);
    reduce(s2, dis2);
  }

  private static byte[] classify(Side s, int[] otherCounts) {
    byte[] dis = new byte[s.nrec + 1];
    int mlim = Math.min(bogosqrt(s.nrec), MAX_EQ_LIMIT);
    for (int i = s.dstart; i <= s.dend; i++) {
      int nm = otherCounts[s.ha[i]];
      dis[i] = (byte) (nm == 0 ? 0 : nm >= mlim ? 2 : 1);
    }
    return dis;
  }

  private static void reduce(Side s, byte[] dis) {
    int size = Math.max(0, s.dend - s.dstart + 1);
    s.reducedIndex = new int[size];
    s.reducedHa = new int[size];
    int n = 0;
    for (int i = s.dstart; i <= s.dend; i++) {
      if (dis[i] == 1 || (dis[i] == 2 && !discardMultimatch(dis, i, s.dstart, s.dend))) {
        s.reducedIndex[n] = i;
        s.reducedHa[n] = s.ha[i];
        n++;
      } else {
        s.setChanged(i, true);
      }
    }
    s.nreff = n;
  }

  /** Whether a many-matches line is surrounded by enough unmatched lines to be dropped. */
  private static boolean discardMultimatch(byte[] dis, int i, int s, int e) {
    if (i - s > SIMSCAN_WINDOW) {
      s = i - SIMSCAN_WINDOW;
    }
    if (e - i > SIMSCAN_WINDOW) {
      e = i + SIMSCAN_WINDOW;
    }
    int rdis0 = 0;
    int rpdis0 = 1;
    for (int r = 1; i - r >= s; r++) {
      if (dis[i - r] == 0) {
        rdis0++;
      } else if (dis[i - r] == 2) {
        rpdis0++;
      } else {
        break;
      }
    }
    if (rdis0 == 0) {
      return false;
    }
    int rdis1 = 0;
    int rpdis1 = 1;
    for (int r = 1; i + r <= e; r++) {
      if (dis[i + r] == 0) {
        rdis1++;
      } else if (dis[i + r] == 2) {
        rpdis1++;
      } else {
        break;
      }
    }
    if (rdis1 == 0) {
      return false;
    }
    rdis1 += rdis0;
    rpdis1 += rpdis0;
    return rpdis1 * KEEP_DISCARDED_RUN < rpdis1 + rdis1;
  }

  static int bogosqrt(int n) {
    int i = 1;
    for (; n > 0; n >>= 2) {
      i <<= 1;
    }
    return i;
  }

  private record Split(int i1, int i2, boolean minLo, boolean minHi) {}

  /**
   * Marks the changed lines between the given bounds of the reduced sequences. Work is kept on
   * an explicit stack rather than by recursion so that very long files cannot overflow the
   * thread stack; the order in which halves are handled does not change the result.
   */
  private void recsCmp(
      int off1, int lim1, int off2, int lim2, int[][] kv, int koff, boolean needMin, int mxcost) {
    int[] ha1 = s1.reducedHa;
    int[] ha2 = s2.reducedHa;
    java.util.ArrayDeque<int[]> work = new java.util.ArrayDeque<>();
    work.push(new int[] {off1, lim1, off2, lim2, needMin ? 1 : 0});
    while (!work.isEmpty()) {
      int[] t = work.pop();
      int o1 = t[0];
      int l1 = t[1];
      int o2 = t[2];
      int l2 = t[3];
      while (o1 < l1 && o2 < l2 && ha1[o1] == ha2[o2]) {
        o1++;
        o2++;
      }
      while (o1 < l1 && o2 < l2 && ha1[l1 - 1] == ha2[l2 - 1]) {
        l1--;
        l2--;
      }
      if (o1 == l1) {
        for (; o2 < l2; o2++) {
          s2.setChanged(s2.reducedIndex[o2], true);
        }
      } else if (o2 == l2) {
        for (; o1 < l1; o1++) {
          s1.setChanged(s1.reducedIndex[o1], true);
        }
      } else {
        Split spl = split(ha1, o1, l1, ha2, o2, l2, kv[0], kv[1], koff, t[4] == 1, mxcost);
        work.push(new int[] {spl.i1, l1, spl.i2, l2, spl.minHi ? 1 : 0});
        work.push(new int[] {o1, spl.i1, o2, spl.i2, spl.minLo ? 1 : 0});
      }
    }
  }

  private static Split split(
      int[] ha1,
      int off1,
      int lim1,
      int[] ha2,
      int off2,
      int lim2,
      int[] kvdf,
      int[] kvdb,
      int ko,
      boolean needMin,
      int mxcost) {
    int dmin = off1 - lim2;
    int dmax = lim1 - off2;
    int fmid = off1 - off2;
    int bmid = lim1 - lim2;
    boolean odd = ((fmid - bmid) & 1) != 0;
    int fmin = fmid;
    int fmax = fmid;
    int bmin = bmid;
    int bmax = bmid;

    kvdf[ko + fmid] = off1;
    kvdb[ko + bmid] = lim1;

    for (int ec = 1; ; ec++) {
      boolean gotSnake = false;

      if (fmin > dmin) {
        kvdf[ko + --fmin - 1] = -1;
      } else {
        ++fmin;
      }
      if (fmax < dmax) {
        kvdf[ko + ++fmax + 1] = -1;
      } else {
        --fmax;
      }
      for (int d = fmax; d >= fmin; d -= 2) {
        int i1;
        if (kvdf[ko + d - 1] >= kvdf[ko + d + 1]) {
          i1 = kvdf[ko + d - 1] + 1;
        } else {
          i1 = kvdf[ko + d + 1];
        }
        int prev1 = i1;
        int i2 = i1 - d;
        while (i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]) {
          i1++;
          i2++;
        }
        if (i1 - prev1 > SNAKE_CNT) {
          gotSnake = true;
        }
        kvdf[ko + d] = i1;
        if (odd && bmin <= d && d <= bmax && kvdb[ko + d] <= i1) {
          return new Split(i1, i2, true, true);
        }
      }

      if (bmin > dmin) {
        kvdb[ko + --bmin - 1] = LINE_MAX;
      } else {
        ++bmin;
      }
      if (bmax < dmax) {
        kvdb[ko + ++bmax + 1] = LINE_MAX;
      } else {
        --bmax;
      }
      for (int d = bmax; d >= bmin; d -= 2) {
        int i1;
        if (kvdb[ko + d - 1] < kvdb[ko + d + 1]) {
          i1 = kvdb[ko + d - 1];
        } else {
          i1 = kvdb[ko + d + 1] - 1;
        }
        int prev1 = i1;
        int i2 = i1 - d;
        while (i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]) {
          i1--;
          i2--;
        }
        if (prev1 - i1 > SNAKE_CNT) {
          gotSnake = true;
        }
        kvdb[ko + d] = i1;
        if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[ko + d]) {
          return new Split(i1, i2, true, true);
        }
      }

      if (needMin) {
        continue;
      }

      // Past the heuristic trigger, accept a diagonal that has travelled far along a good snake.
      if (gotSnake && ec > HEUR_MIN_COST) {
        int best = 0;
        int bi1 = 0;
        int bi2 = 0;
        for (int d = fmax; d >= fmin; d -= 2) {
          int dd = d > fmid ? d - fmid : fmid - d;
          int i1 = kvdf[ko + d];
          int i2 = i1 - d;
          int v = (i1 - off1) + (i2 - off2) - dd;
          if (v > K_HEUR * ec
              && v > best
              && off1 + SNAKE_CNT <= i1
              && i1 < lim1
              && off2 + SNAKE_CNT <= i2
              && i2 < lim2) {
            for (int k = 1; ha1[i1 - k] == ha2[i2 - k]; k++) {
              if (k == SNAKE_CNT) {
                best = v;
                bi1 = i1;
                bi2 = i2;
                break;
              }
            }
          }
        }
        if (best > 0) {
          return new Split(bi1, bi2, true, false);
        }
        best = 0;
        for (int d = bmax; d >= bmin; d -= 2) {
          int dd = d > bmid ? d - bmid : bmid - d;
          int i1 = kvdb[ko + d];
          int i2 = i1 - d;
          int v = (lim1 - i1) + (lim2 - i2) - dd;
          if (v > K_HEUR * ec
              && v > best
              && off1 < i1
              && i1 <= lim1 - SNAKE_CNT
              && off2 < i2
              && i2 <= lim2 - SNAKE_CNT) {
            for (int k = 0; ha1[i1 + k] == ha2[i2 + k]; k++) {
              if (k == SNAKE_CNT - 1) {
                best = v;
                bi1 = i1;
                bi2 = i2;
                break;
              }
            }
          }
        }
        if (best > 0) {
          return new Split(bi1, bi2, false, true);
        }
      }

      // The cost cap: take the furthest-reaching path found so far and split there.
      if (ec >= mxcost) {
        long fbest = -1;
        int fbest1 = -1;
        for (int d = fmax; d >= fmin; d -= 2) {
          int i1 = Math.min(kvdf[ko + d], lim1);
          int i2 = i1 - d;
          if (lim2 < i2) {
            i1 = lim2 + d;
            i2 = lim2;
          }
          if (fbest < (long) i1 + i2) {
            fbest = (long) i1 + i2;
            fbest1 = i1;
          }
        }
        long bbest = Long.MAX_VALUE;
        int bbest1 = Integer.MAX_VALUE;
        for (int d = bmax; d >= bmin; d -= 2) {
          int i1 = Math.max(off1, kvdb[ko + d]);
          int i2 = i1 - d;
          if (i2 < off2) {
            i1 = off2 + d;
            i2 = off2;
          }
          if ((long) i1 + i2 < bbest) {
            bbest = (long) i1 + i2;
            bbest1 = i1;
          }
        }
        if ((long) (lim1 + lim2) - bbest < fbest - (off1 + off2)) {
          return new Split(fbest1, (int) (fbest - fbest1), true, false);
        }
        return new Split(bbest1, (int) (bbest - bbest1), false, true);
      }
    }
  }

  /**
   * Slides every group of changed lines in {@code f} up and down as far as equal lines allow,
   * merging groups that touch, and leaves it aligned with a change in the other file when one is
   * reachable, otherwise as far down as possible. {@code o} is kept in step.
   */
  static void compact(Side f, Side o) {
    int[] g = new int[2];
    int[] go = new int[2];
    groupInit(f, g);
    groupInit(o, go);
    while (true) {
      if (g[1] != g[0]) {
        int earliestEnd;
        int endMatchingOther;
        int groupSize;
        do {
          groupSize = g[1] - g[0];
          endMatchingOther = -1;
          while (slideUp(f, g)) {
            if (!groupPrevious(o, go)) {
              throw new IllegalStateException("group sync broken sliding up");
            }
          }
          earliestEnd = g[1];
          if (go[1] > go[0]) {
            endMatchingOther = g[1];
          }
          while (slideDown(f, g)) {
            if (!groupNext(o, go)) {
              throw new IllegalStateException("group sync broken sliding down");
            }
            if (go[1] > go[0]) {
              endMatchingOther = g[1];
            }
          }
        } while (groupSize != g[1] - g[0]);

        if (g[1] != earliestEnd && endMatchingOther != -1) {
          while (go[1] == go[0]) {
            if (!slideUp(f, g)) {
              throw new IllegalStateException("match disappeared");
            }
            if (!groupPrevious(o, go)) {
              throw new IllegalStateException("group sync broken sliding to match");
            }
          }
        }
      }
      if (!groupNext(f, g)) {
        break;
      }
      if (!groupNext(o, go)) {
        throw new IllegalStateException("group sync broken moving to next group");
      }
    }
  }

  private static void groupInit(Side s, int[] g) {
    g[0] = 0;
    g[1] = 0;
    while (s.isChanged(g[1])) {
      g[1]++;
    }
  }

  private static boolean groupNext(Side s, int[] g) {
    if (g[1] == s.nrec) {
      return false;
    }
    g[0] = g[1] + 1;
    g[1] = g[0];
    while (s.isChanged(g[1])) {
      g[1]++;
    }
    return true;
  }

  private static boolean groupPrevious(Side s, int[] g) {
    if (g[0] == 0) {
      return false;
    }
    g[1] = g[0] - 1;
    g[0] = g[1];
    while (s.isChanged(g[0] - 1)) {
      g[0]--;
    }
    return true;
  }

  private static boolean slideDown(Side s, int[] g) {
    if (g[1] < s.nrec && s.ha[g[0]] == s.ha[g[1]]) {
      s.setChanged(g[0]++, false);
      s.setChanged(g[1]++, true);
      while (s.isChanged(g[1])) {
        g[1]++;
      }
      return true;
    }
    return false;
  }

  private static boolean slideUp(Side s, int[] g) {
    if (g[0] > 0 && s.ha[g[0] - 1] == s.ha[g[1] - 1]) {
      s.setChanged(--g[0], true);
      s.setChanged(--g[1], false);
      while (s.isChanged(g[0] - 1)) {
        g[0]--;
      }
      return true;
    }
    return false;
  }

  /** Collects groups of changed lines, walking both files in step, into an edit script. */
  static List<Change> buildScript(Side a, Side b) {
    List<Change> reversed = new ArrayList<>();
    int i1 = a.nrec;
    int i2 = b.nrec;
    while (i1 >= 0 || i2 >= 0) {
      if (a.isChanged(i1 - 1) || b.isChanged(i2 - 1)) {
        int l1 = i1;
        while (a.isChanged(i1 - 1)) {
          i1--;
        }
        int l2 = i2;
        while (b.isChanged(i2 - 1)) {
          i2--;
        }
        reversed.add(new Change(i1, l1 - i1, i2, l2 - i2));
      }
      i1--;
      i2--;
    }
    List<Change> out = new ArrayList<>(reversed.size());
    for (int k = reversed.size() - 1; k >= 0; k--) {
      out.add(reversed.get(k));
    }
    return out;
  }
}
