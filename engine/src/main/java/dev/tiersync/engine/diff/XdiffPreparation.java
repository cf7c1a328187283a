package dev.tiersync.engine.diff;

/**
 * xdiff's preparation of two files before the search (its {@code xprepare.c}): the common ends
 * are trimmed, and lines that cannot take part in a match, or that match too often inside runs of
 * unmatched lines, are marked changed at once so the search runs on the rest only.
 */
final class XdiffPreparation {
  private static final int MAX_EQ_LIMIT = 1024;
  private static final int SIMSCAN_WINDOW = 100;
  private static final int KEEP_DISCARDED_RUN = 4;

  private XdiffPreparation() {}

  /** Marks the common prefix and suffix of both files as outside the search. */
  static void trimEnds(XdiffSide s1, XdiffSide s2) {
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
  static void cleanupRecords(XdiffSide s1, XdiffSide s2, int[] count1, int[] count2) {
    byte[] dis1 = classify(s1, count2);
    byte[] dis2 = classify(s2, count1);
    reduce(s1, dis1);
    reduce(s2, dis2);
  }

  private static byte[] classify(XdiffSide s, int[] otherCounts) {
    byte[] dis = new byte[s.nrec + 1];
    int mlim = Math.min(bogosqrt(s.nrec), MAX_EQ_LIMIT);
    for (int i = s.dstart; i <= s.dend; i++) {
      int nm = otherCounts[s.ha[i]];
      dis[i] = (byte) (nm == 0 ? 0 : nm >= mlim ? 2 : 1);
    }
    return dis;
  }

  private static void reduce(XdiffSide s, byte[] dis) {
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

  /** xdiff's cheap power-of-two estimate of a square root, which its limits are based on. */
  static int bogosqrt(int n) {
    int i = 1;
    for (; n > 0; n >>= 2) {
      i <<= 1;
    }
    return i;
  }
}
