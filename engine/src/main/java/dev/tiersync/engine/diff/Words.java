package dev.tiersync.engine.diff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a byte buffer eight bytes at a time. Splitting files into lines and hashing the lines,
 * a byte at a time, were most of a line diff of a large file (docs/benchmarks.md, patch bundle);
 * a word at a time does the same in a fraction of the steps.
 */
final class Words {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;
  private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private Words() {}

  /** The eight bytes at {@code i}, the first in the lowest bits. */
  static long at(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  /**
   * Bit 7 set in each byte of {@code word} that is a line feed, nothing else: a byte is zero
   * after the XOR exactly when it was {@code \n}, and adding 0x7F to its low bits (no carry
   * leaves a byte) sets bit 7 in every other byte.
   */
  static long lineFeeds(long word) {
    long t = word ^ LINE_FEEDS;
    return ~(((t & LOW_SEVEN) + LOW_SEVEN) | t | LOW_SEVEN);
  }

  /** The index, within its word, of the lowest byte {@link #lineFeeds} marked in {@code mask}. */
  static int byteIndex(long mask) {
    return Long.numberOfTrailingZeros(mask) >>> 3;
  }

  /**
   * A hash of bytes {@code [start, end)}: equal bytes give equal hashes; it only has to spread
   * well, since a class table compares the bytes of every candidate.
   */
  static int hash(byte[] b, int start, int end) {
    long h = end - start;
    int p = start;
    for (; p + 8 <= end; p += 8) {
      h = Long.rotateLeft((h ^ at(b, p)) * MIX, 31);
    }
    long tail = 0;
    for (int k = 0; p + k < end; k++) {
      tail |= (b[p + k] & 0xFFL) << (8 * k);
    }
    h = (h ^ tail) * MIX;
    return (int) (h ^ (h >>> 32));
  }
}
