package dev.tiersync.engine.history;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Escapes values written into commit messages one per line. Paths, scopes and notes may contain
 * newlines or other control characters, which would break the line format; everything else is kept
 * as is so that {@code git log} on the store stays readable.
 */
final class MessageFields {
  private MessageFields() {}

  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if (c == '%' || c < 0x20 || c == 0x7f) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      } else {
        b.append((char) c);
      }
    }
    // The loop above copied UTF-8 bytes as chars; re-decode so non-ASCII text round-trips.
    return new String(b.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  static String unescape(String value) {
    byte[] in = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length) {
        int hi = Character.digit(in[i + 1], 16);
        int lo = Character.digit(in[i + 2], 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      out.write(in[i]);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
