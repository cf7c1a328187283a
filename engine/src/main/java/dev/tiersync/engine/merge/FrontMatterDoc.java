package dev.tiersync.engine.merge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * A Markdown file split at its YAML front matter: the opening {@code ---} line, the front matter's
 * lines cut into one block per top-level key, the closing {@code ---} line and the body.
 *
 * <p>A key's block is its line, the lines that continue its value, and the comment lines (at the
 * start of a line, or blank) just before it; lines before the first key are the preamble and
 * comment lines after the last key's value the epilogue. The blocks keep the bytes as written;
 * each key's value is the one SnakeYAML Engine reads from the whole front matter (YAML 1.2, core
 * schema, duplicate keys refused), which is what merging compares.
 */
final class FrontMatterDoc {
  /** One top-level key: its leading comment lines, its own lines, and its value. */
  record Key(String name, String comments, String lines, Object value) {
    String raw() {
      return comments + lines;
    }
  }

  final byte[] block;
  final String open;
  final String preamble;
  final List<Key> keys;
  final String epilogue;
  final String close;
  final byte[] body;

  private FrontMatterDoc(
      byte[] block, String open, String preamble, List<Key> keys, String epilogue, String close,
      byte[] body) {
    this.block = block;
    this.open = open;
    this.preamble = preamble;
    this.keys = keys;
    this.epilogue = epilogue;
    this.close = close;
    this.body = body;
  }

  Key key(String name) {
    for (Key k : keys) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    return null;
  }

  /** Where a file's front matter ends: the offsets of its text and of the body, or null. */
  record Bounds(int textStart, int textEnd, int bodyStart) {}

  /**
   * The front matter's place: the first line is {@code ---} (trailing blanks allowed) and a later
   * line is {@code ---} too; null when the file does not start so.
   */
  static Bounds bounds(byte[] file) {
    int first = delimiterEnd(file, 0);
    if (first < 0) {
      return null;
    }
    int at = first;
    while (at < file.length) {
      int end = delimiterEnd(file, at);
      if (end >= 0) {
        return new Bounds(first, at, end);
      }
      at = lineEnd(file, at);
    }
    return null;
  }

  /** Whether the file starts with a front matter block (parsable or not). */
  static boolean present(byte[] file) {
    return bounds(file) != null;
  }

  /** The front matter's text (between the delimiter lines), or null when there is none. */
  static String text(byte[] file) {
    Bounds b = bounds(file);
    return b == null ? null : decode(Arrays.copyOfRange(file, b.textStart(), b.textEnd()));
  }

  /**
   * Splits a file, or returns null when it has no front matter, the front matter is not valid
   * UTF-8, not a block mapping whose keys are strings each starting a line, or not YAML at all.
   */
  static FrontMatterDoc parse(byte[] file) {
    Bounds b = bounds(file);
    if (b == null) {
      return null;
    }
    String text = decode(Arrays.copyOfRange(file, b.textStart(), b.textEnd()));
    if (text == null || hasOtherLineBreaks(text)) {
      return null;
    }
    Map<String, Object> values = load(text);
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Integer> keyLines = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      Node root = new Compose(settings()).composeString(text).orElse(null);
      if (!(root instanceof MappingNode map) || map.getFlowStyle() != FlowStyle.BLOCK) {
        return null;
      }
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k) || k.getStartMark().isEmpty()) {
          return null;
        }
        var mark = k.getStartMark().get();
        int line = mark.getLine();
        if (mark.getColumn() != 0 || (!keyLines.isEmpty() && line <= keyLines.get(keyLines.size() - 1))) {
          return null;
        }
        keyLines.add(line);
        names.add(k.getValue());
      }
    } catch (YamlEngineException e) {
      return null;
    }
    if (!names.equals(new ArrayList<>(values.keySet()))) {
      return null;
    }
    List<String> lines = lines(text);
    List<Key> keys = new ArrayList<>();
    int firstLine = keyLines.get(0);
    String preamble = join(lines, 0, firstLine);
    int commentsFrom = firstLine;
    String epilogue = "";
    for (int i = 0; i < names.size(); i++) {
      int start = keyLines.get(i);
      int limit = i + 1 < names.size() ? keyLines.get(i + 1) : lines.size();
      int end = limit;
      while (end > start + 1 && isCommentOrBlank(lines.get(end - 1))) {
        end--;
      }
      keys.add(
          new Key(
              names.get(i),
              join(lines, commentsFrom, start),
              join(lines, start, end),
              values.get(names.get(i))));
      if (i + 1 < names.size()) {
        commentsFrom = end;
      } else {
        epilogue = join(lines, end, limit);
      }
    }
    return new FrontMatterDoc(
        Arrays.copyOfRange(file, 0, b.bodyStart()),
        decode(Arrays.copyOfRange(file, 0, b.textStart())),
        preamble,
        List.copyOf(keys),
        epilogue,
        decode(Arrays.copyOfRange(file, b.textEnd(), b.bodyStart())),
        Arrays.copyOfRange(file, b.bodyStart(), file.length));
  }

  /** The front matter read as a mapping with string keys, or null when it is not one. */
  static Map<String, Object> load(String text) {
    try {
      Object loaded = new Load(settings()).loadFromString(text);
      if (!(loaded instanceof Map<?, ?> map)) {
        return null;
      }
      for (Object k : map.keySet()) {
        if (!(k instanceof String)) {
          return null;
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> out = (Map<String, Object>) map;
      return out;
    } catch (YamlEngineException e) {
      return null;
    }
  }

  /** Why the front matter does not load as a mapping; null when it does. */
  static String loadProblem(String text) {
    try {
      Object loaded = new Load(settings()).loadFromString(text);
      if (!(loaded instanceof Map<?, ?> map)) {
        return "the front matter is not a YAML mapping";
      }
      for (Object k : map.keySet()) {
        if (!(k instanceof String)) {
          return "the front matter has a key that is not a string: " + k;
        }
      }
      return null;
    } catch (MarkedYamlEngineException e) {
      // The file's line: the opening --- is line 1.
      String where = e.getProblemMark().map(m -> " (line " + (m.getLine() + 2) + ")").orElse("");
      return "the front matter is not valid YAML: " + e.getProblem() + where;
    } catch (YamlEngineException e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return "the front matter is not valid YAML: " + (nl < 0 ? m : m.substring(0, nl)).strip();
    }
  }

  private static LoadSettings settings() {
    return LoadSettings.builder()
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setLabel("front matter")
        .build();
  }

  /** The delimiter line at {@code at} ({@code ---}, blanks, a line end or the end): its end, or -1. */
  private static int delimiterEnd(byte[] f, int at) {
    if (at + 3 > f.length || f[at] != '-' || f[at + 1] != '-' || f[at + 2] != '-') {
      return -1;
    }
    int i = at + 3;
    while (i < f.length && (f[i] == ' ' || f[i] == '\t')) {
      i++;
    }
    if (i == f.length) {
      return i;
    }
    if (f[i] == '\n') {
      return i + 1;
    }
    if (f[i] == '\r' && i + 1 < f.length && f[i + 1] == '\n') {
      return i + 2;
    }
    return -1;
  }

  private static int lineEnd(byte[] f, int at) {
    for (int i = at; i < f.length; i++) {
      if (f[i] == '\n') {
        return i + 1;
      }
    }
    return f.length;
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** A lone CR (or a Unicode line break) would number lines differently from ours. */
  private static boolean hasOtherLineBreaks(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))
          || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /** The lines of a text, each with its line end. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < text.length()) {
      out.add(text.substring(from));
    }
    return out;
  }

  private static boolean isCommentOrBlank(String line) {
    return line.startsWith("#") || line.isBlank();
  }

  private static String join(List<String> lines, int from, int to) {
    return String.join("", lines.subList(from, to));
  }
}
