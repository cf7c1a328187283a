package dev.tiersync.engine.diff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives every distinct line of two files a small integer class, so that the diff compares ints,
 * and counts how often each class occurs in each file (the counts drive xdiff's discarding of
 * lines that have no match or too many matches).
 */
final class LineClassifier {
  private record Key(byte[] data, int start, int end, int hash) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && hash == k.hash
          && Arrays.equals(data, start, end, k.data, k.start, k.end);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  final int[] classes1;
  final int[] classes2;
  final int[] count1;
  final int[] count2;

  LineClassifier(LineRecords a, LineRecords b) {
    Map<Key, Integer> ids = new HashMap<>(Math.max(16, (a.size() + b.size()) * 2));
    classes1 = assign(a, ids);
    classes2 = assign(b, ids);
    count1 = new int[ids.size()];
    count2 = new int[ids.size()];
    for (int c : classes1) {
      count1[c]++;
    }
    for (int c : classes2) {
      count2[c]++;
    }
  }

  private static int[] assign(LineRecords f, Map<Key, Integer> ids) {
    int[] out = new int[f.size()];
    byte[] d = f.data();
    for (int i = 0; i < out.length; i++) {
      int s = f.start(i);
      int e = f.end(i);
      int h = 1;
      for (int p = s; p < e; p++) {
        h = 31 * h + d[p];
      }
      Key k = new Key(d, s, e, h);
      Integer id = ids.get(k);
      if (id == null) {
        id = ids.size();
        ids.put(k, id);
      }
      out[i] = id;
    }
    return out;
  }
}
