package dev.tiersync.engine.diff;

import java.util.Arrays;

/**
 * Gives every distinct line of two files a small integer class, so that the diff compares ints,
 * and counts how often each class occurs in each file (the counts drive xdiff's discarding of
 * lines that have no match or too many matches).
 *
 * <p>Classes are numbered in order of first appearance. The lookup is an open-addressing table of
 * ints rather than a map of boxed keys: classifying is a large part of a diff of a big file
 * (docs/benchmarks.md, patch bundle).
 */
final class LineClassifier {
  final int[] classes1;
  final int[] classes2;
  final int[] count1;
  final int[] count2;

  /** Slot to class + 1 (0: empty); the table is at most half full. */
  private final int[] slots;

  private final int mask;
  // Per class: the line that first had it (its file and record) and its hash.
  private LineRecords[] classFile;
  private int[] classRecord;
  private int[] classHash;
  private int classCount;

  LineClassifier(LineRecords a, LineRecords b) {
    int lines = a.size() + b.size();
    int capacity = Integer.highestOneBit(Math.max(16, lines * 2 - 1)) << 1;
    slots = new int[capacity];
    mask = capacity - 1;
    int initial = Math.max(16, lines);
    classFile = new LineRecords[initial];
    classRecord = new int[initial];
    classHash = new int[initial];
    classes1 = assign(a);
    classes2 = assign(b);
    count1 = new int[classCount];
    count2 = new int[classCount];
    for (int c : classes1) {
      count1[c]++;
    }
    for (int c : classes2) {
      count2[c]++;
    }
  }

  private int[] assign(LineRecords f) {
    int[] out = new int[f.size()];
    byte[] d = f.data();
    for (int i = 0; i < out.length; i++) {
      int s = f.start(i);
      int e = f.end(i);
      int h = 1;
      for (int p = s; p < e; p++) {
        h = 31 * h + d[p];
      }
      out[i] = classOf(f, i, h);
    }
    return out;
  }

  private int classOf(LineRecords f, int record, int hash) {
    // Spread the bits: the polynomial hash's low bits alone cluster for similar lines.
    int slot = (hash ^ (hash >>> 16)) * 0x9E3779B9 & mask;
    while (true) {
      int c = slots[slot] - 1;
      if (c < 0) {
        return newClass(slot, f, record, hash);
      }
      if (classHash[c] == hash && LineRecords.sameRecord(classFile[c], classRecord[c], f, record)) {
        return c;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int newClass(int slot, LineRecords f, int record, int hash) {
    int c = classCount++;
    if (c == classHash.length) {
      int grown = c * 2;
      classFile = Arrays.copyOf(classFile, grown);
      classRecord = Arrays.copyOf(classRecord, grown);
      classHash = Arrays.copyOf(classHash, grown);
    }
    classFile[c] = f;
    classRecord[c] = record;
    classHash[c] = hash;
    slots[slot] = c + 1;
    return c;
  }
}
