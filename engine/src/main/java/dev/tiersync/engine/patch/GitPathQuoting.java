package dev.tiersync.engine.patch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Paths as Git quotes them in patch headers. */
final class GitPathQuoting {
  private GitPathQuoting() {}

  /**
   * A path as Git writes it in a patch: unchanged unless it holds a control character, {@code "} or
   * {@code \}; then C-quoted. Bytes above 0x7f stay raw, which {@code git apply} accepts.
   */
  static byte[] quote(String path) {
    byte[] raw = path.getBytes(StandardCharsets.UTF_8);
    boolean needs = false;
    for (byte c : raw) {
      if ((c >= 0 && c < 0x20) || c == 0x7f || c == '"' || c == '\\') {
        needs = true;
        break;
      }
    }
    if (!needs) {
      return raw;
    }
    ByteArrayOutputStream q = new ByteArrayOutputStream(raw.length + 8);
    q.write('"');
    for (byte c : raw) {
      switch (c) {
        case 0x07 -> ascii(q, "\\a");
        case '\b' -> ascii(q, "\\b");
        case '\t' -> ascii(q, "\\t");
        case '\n' -> ascii(q, "\\n");
        case 0x0b -> ascii(q, "\\v");
        case '\f' -> ascii(q, "\\f");
        case '\r' -> ascii(q, "\\r");
        case '"' -> ascii(q, "\\\"");
        case '\\' -> ascii(q, "\\\\");
        default -> {
          if ((c >= 0 && c < 0x20) || c == 0x7f) {
            ascii(q, String.format("\\%03o", c & 0xff));
          } else {
            q.write(c);
          }
        }
      }
    }
    q.write('"');
    return q.toByteArray();
  }

  private static void ascii(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }
}
