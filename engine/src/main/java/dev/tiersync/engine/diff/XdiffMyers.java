package dev.tiersync.engine.diff;

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
  private static final int MAX_COST_MIN = 256;
  private static final int HEUR_MIN_COST = 256;
  private static final int SNAKE_CNT = 20;
  private static final int K_HEUR = 4;
  private static final int LINE_MAX = Integer.MAX_VALUE;

  /** A change in xdiff's terms: lines [i1, i1+chg1) of file 1 became [i2, i2+chg2) of file 2. */
  record Change(int i1, int chg1, int i2, int chg2) {}

  private final XdiffSide s1;
  private final XdiffSide s2;

  private XdiffMyers(int[] ha1, int[] ha2) {
    this.s1 = new XdiffSide(ha1);
    this.s2 = new XdiffSide(ha2);
  }

  /** Diffs two files and returns the compacted edit script, in file order. */
  static List<Change> diff(LineRecords a, LineRecords b) {
    LineClassifier cls = new LineClassifier(a, b);
    XdiffMyers x = new XdiffMyers(cls.classes1, cls.classes2);
    x.run(cls.count1, cls.count2);
    XdiffCompaction.compact(x.s1, x.s2);
    XdiffCompaction.compact(x.s2, x.s1);
    return XdiffCompaction.buildScript(x.s1, x.s2);
  }

  private void run(int[] count1, int[] count2) {
    XdiffPreparation.trimEnds(s1, s2);
    XdiffPreparation.cleanupRecords(s1, s2, count1, count2);
    int ndiags = s1.nreff + s2.nreff + 3;
    int[] kvdf = new int[2 * ndiags + 2];
    int[] kvdb = new int[2 * ndiags + 2];
    int offset = s2.nreff + 1;
    int mxcost = Math.max(XdiffPreparation.bogosqrt(ndiags), MAX_COST_MIN);
    recsCmp(0, s1.nreff, 0, s2.nreff, new int[][] {kvdf, kvdb}, offset, false, mxcost);
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
}
