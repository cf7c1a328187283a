package dev.tiersync.engine.merge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates base/ours/theirs triples that exercise the corners of line merging: insertions,
 * deletions, overlapping and adjacent edits, repeated lines, empty files, a missing final
 * newline and CRLF line endings. Seeded, so every run compares the same cases.
 */
final class TextCaseGenerator {
  record Triple(String name, byte[] base, byte[] ours, byte[] theirs) {}

  private static final String[] COMMON = {
    "}", "", "{", "return x;", "# Title", "- item", "=======", "====", "a", "b", "c", "end"
  };

  private final Random random;

  TextCaseGenerator(long seed) {
    this.random = new Random(seed);
  }

  List<Triple> triples(int count) {
    List<Triple> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(triple("case-" + i));
    }
    return out;
  }

  Triple triple(String name) {
    int shape = random.nextInt(10);
    List<String> base = baseLines(shape == 0 ? 0 : random.nextInt(shape < 3 ? 5 : 40));
    List<String> ours = mutate(base);
    List<String> theirs = random.nextInt(4) == 0 ? nearby(base, ours) : mutate(base);
    String eolBase = eol();
    boolean crlfAll = random.nextInt(6) == 0;
    return new Triple(
        name,
        render(base, crlfAll ? "\r\n" : eolBase, finalNewline()),
        render(ours, crlfAll ? "\r\n" : eolVariant(eolBase), finalNewline()),
        render(theirs, crlfAll ? "\r\n" : eolVariant(eolBase), finalNewline()));
  }

  /** Two files for a plain diff, some large enough to pass xdiff's heuristics thresholds. */
  byte[][] pair(int index) {
    int size = index % 50 == 0 ? 3000 + random.nextInt(4000) : random.nextInt(120);
    List<String> a = baseLines(size);
    List<String> b = mutate(a);
    if (index % 50 == 0) {
      for (int k = 0; k < 30; k++) {
        b = mutate(b);
      }
    }
    return new byte[][] {render(a, eol(), finalNewline()), render(b, eol(), finalNewline())};
  }

  private List<String> baseLines(int n) {
    List<String> lines = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      lines.add(line(i));
    }
    return lines;
  }

  private String line(int i) {
    int kind = random.nextInt(10);
    if (kind < 4) {
      return COMMON[random.nextInt(COMMON.length)];
    }
    if (kind < 6) {
      return "line " + random.nextInt(8);
    }
    return "unique " + i + " " + Integer.toHexString(random.nextInt());
  }

  private List<String> mutate(List<String> base) {
    List<String> out = new ArrayList<>(base);
    int edits = random.nextInt(5);
    for (int e = 0; e < edits; e++) {
      int op = random.nextInt(4);
      int at = out.isEmpty() ? 0 : random.nextInt(out.size() + 1);
      switch (op) {
        case 0 -> {
          int n = 1 + random.nextInt(3);
          for (int k = 0; k < n; k++) {
            out.add(Math.min(at, out.size()), line(at + k + 1000));
          }
        }
        case 1 -> {
          int n = 1 + random.nextInt(3);
          for (int k = 0; k < n && at < out.size(); k++) {
            out.remove(at);
          }
        }
        case 2 -> {
          if (at < out.size()) {
            out.set(at, line(at + 2000));
          }
        }
        default -> {
          if (at < out.size()) {
            out.add(at, out.get(at));
          }
        }
      }
    }
    return out;
  }

  /** A change next to, or on top of, the one already made on the other side. */
  private List<String> nearby(List<String> base, List<String> other) {
    List<String> out = new ArrayList<>(base);
    int first = 0;
    while (first < Math.min(base.size(), other.size()) && base.get(first).equals(other.get(first))) {
      first++;
    }
    int at = Math.max(0, Math.min(out.size(), first + random.nextInt(3) - 1));
    if (at < out.size() && random.nextBoolean()) {
      out.set(at, "near " + random.nextInt(3));
    } else {
      out.add(at, "near " + random.nextInt(3));
    }
    return out;
  }

  private String eol() {
    return random.nextInt(8) == 0 ? "\r\n" : "\n";
  }

  private String eolVariant(String eol) {
    return random.nextInt(12) == 0 ? (eol.equals("\n") ? "\r\n" : "\n") : eol;
  }

  private boolean finalNewline() {
    return random.nextInt(6) != 0;
  }

  private static byte[] render(List<String> lines, String eol, boolean finalNewline) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines.size(); i++) {
      out.writeBytes(lines.get(i).getBytes(StandardCharsets.UTF_8));
      if (i < lines.size() - 1 || finalNewline) {
        out.writeBytes(eol.getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }
}
