package dev.tiersync.engine.diff;

import java.util.Arrays;

/**
 * Gives every distinct line of two files a small integer class, so that the diff compares ints,
 * and counts how often each class occurs in each file (the counts drive xdiff's discarding of
 * lines that have no match or too many matches).
 *
 * <p>Classes are numbered in order of first appearance. The lookup is an open-addressing table of
 * ints rather than a map of boxed keys, and lines are hashed a word at a time: classifying is a
 * large part of a diff of a big file (docs/benchmarks.md, patch bundle). Most lines of the second
 * file are the line of the first file that follows the last one matched, so each is first compared
 * with that line alone and takes its class when equal; only the others are hashed and looked up.
 * Either way a line gets the class of the bytes it holds, so the classes are the same.
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
    classes1 = new int[a.size()];
    for (int i = 0; i < classes1.length; i++) {
      classes1[i] = lookUp(a, i);
    }
    int[] inFirst = counts(classes1, classCount);
    classes2 = following(a, inFirst, b);
    count1 = Arrays.copyOf(inFirst, classCount);
    count2 = counts(classes2, classCount);
  }

  /**
   * The classes of {@code b}'s lines, each first compared with the line of {@code a} after the
   * last one matched. After a line that is not, the next comparison is with the line after that
   * line's only occurrence in {@code a} if it has one, else one further on (a replaced line).
   */
  private int[] following(LineRecords a, int[] inFirst, LineRecords b) {
    int[] out = new int[b.size()];
    int next = 0;
    for (int j = 0; j < out.length; j++) {
      if (next < a.size() && LineRecords.sameRecord(a, next, b, j)) {
        out[j] = classes1[next++];
        continue;
      }
      int c = lookUp(b, j);
      out[j] = c;
      next = c < inFirst.length && inFirst[c] == 1 ? classRecord[c] + 1 : next + 1;
    }
    return out;
  }

  private static int[] counts(int[] classes, int size) {
    int[] counts = new int[size];
    for (int c : classes) {
      counts[c]++;
    }
    return counts;
  }

  private int lookUp(LineRecords f, int record) {
    int hash = Words.hash(f.data(), f.start(record), f.end(record));
    // Spread the bits: the hash's low bits alone may cluster for similar lines.
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
