package dev.tiersync.engine.diff;

/** One side of the comparison: its line classes and which lines are changed. */
final class XdiffSide {
  final int[] ha;
  final int nrec;
  /** Changed flags with one sentinel slot on each end: line i lives at index i + 1. */
  final boolean[] changed;

  int dstart;
  int dend;
  int[] reducedIndex;
  int[] reducedHa;
  int nreff;

  XdiffSide(int[] ha) {
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
