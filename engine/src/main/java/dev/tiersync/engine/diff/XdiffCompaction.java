package dev.tiersync.engine.diff;

import dev.tiersync.engine.diff.XdiffMyers.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * What xdiff does after the search (its {@code xdl_change_compact} and {@code xdl_build_script}):
 * groups of changed lines slide to Git's preferred place, and the changed flags become the edit
 * script.
 */
final class XdiffCompaction {
  private XdiffCompaction() {}

  /**
   * Slides every group of changed lines in {@code f} up and down as far as equal lines allow,
   * merging groups that touch, and leaves it aligned with a change in the other file when one is
   * reachable, otherwise as far down as possible. {@code o} is kept in step.
   */
  static void compact(XdiffSide f, XdiffSide o) {
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

  private static void groupInit(XdiffSide s, int[] g) {
    g[0] = 0;
    g[1] = 0;
    while (s.isChanged(g[1])) {
      g[1]++;
    }
  }

  private static boolean groupNext(XdiffSide s, int[] g) {
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

  private static boolean groupPrevious(XdiffSide s, int[] g) {
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

  private static boolean slideDown(XdiffSide s, int[] g) {
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

  private static boolean slideUp(XdiffSide s, int[] g) {
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
  static List<Change> buildScript(XdiffSide a, XdiffSide b) {
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
