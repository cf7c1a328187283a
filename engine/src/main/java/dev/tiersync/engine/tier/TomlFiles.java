package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.core.io.ParsingMode;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and writes the TOML documents of the tier files so that whatever tiersync does not touch
 * survives a rewrite: tables keep their key order (insertion-ordered maps), unknown keys and tables
 * stay, and a changed value is written only when it really changed, in the form the file already
 * used for it.
 * Timestamps are read and written by {@link TomlTimestamps}.
 */
final class TomlFiles {
  private TomlFiles() {}

  /** An empty document whose tables keep their keys in insertion order. */
  static CommentedConfig newDocument() {
    return TomlFormat.newConfig(LinkedHashMap::new);
  }

  /**
   * Parses a file, or returns empty when it does not exist.
   *
   * @throws InvalidTierFileException naming the file and the line when it is not UTF-8 or not TOML
   */
  static Optional<CommentedConfig> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(parse(file, bytes));
  }

  /**
   * Parses the bytes of {@code file}, read by the caller.
   *
   * @throws InvalidTierFileException naming the file and the line when it is not UTF-8 or not TOML
   */
  static CommentedConfig parse(Path file, byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw InvalidTierFileException.notUtf8(file, firstBadLine(bytes));
    }
    return parseText(file, text);
  }

  /** Parses TOML text; a syntax error names the line the parser had reached. */
  private static CommentedConfig parseText(Path file, String text) {
    CommentedConfig doc = newDocument();
    LineCountingReader in = new LineCountingReader(new StringReader(text));
    try {
      new TomlParser().parse(in, doc, ParsingMode.REPLACE);
    } catch (ParsingException e) {
      throw InvalidTierFileException.notToml(file, in.line(), e);
    }
    return doc;
  }

  /** The 1-based line holding the first byte that is not UTF-8. */
  private static int firstBadLine(byte[] bytes) {
    java.nio.charset.CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    int line = 1;
    for (int i = 0; i < in.position(); i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * The 1-based lines of the headers {@code [[key]]} of a top-level array of tables, in order, or
   * empty when the file cannot be read. Used only to point at entries that break a rule.
   */
  static List<Integer> arrayHeaderLines(Path file, String key) {
    if (file == null) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
    java.util.regex.Pattern header =
        java.util.regex.Pattern.compile(
            "^\\s*\\[\\[\\s*\"?" + java.util.regex.Pattern.quote(key) + "\"?\\s*]]\\s*(#.*)?$");
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (header.matcher(lines.get(i)).matches()) {
        out.add(i + 1);
      }
    }
    return out;
  }

  /** A reader that knows the line of the last character the parser read. */
  private static final class LineCountingReader extends java.io.FilterReader {
    private int line = 1;
    private int lastLine = 1;

    LineCountingReader(java.io.Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        count((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        count(buf[off + i]);
      }
      return n;
    }

    private void count(char c) {
      lastLine = line;
      if (c == '\n') {
        line++;
      }
    }

    /** The line of the last character read (a newline counts on the line it ends). */
    int line() {
      return lastLine;
    }
  }

  /**
   * Writes a document atomically, laid out as SkillMeat writes its files ({@link TomliLayout}). A
   * rewritten file keeps its permissions (SkillMeat 0.74 writes its files 0600); a new one is
   * 0644.
   */
  static void write(Path file, Config doc) throws IOException {
    AtomicFiles.write(
        file,
        TomliLayout.write(doc).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-r--r--"));
  }

  /** Runs {@code read}, locating a problem it reports in {@code file} under {@code table}. */
  static <T> T located(Path file, String table, Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidTierFileException e) {
      throw e.at(file, table);
    }
  }

  /** Runs {@code check}, locating a problem it reports in {@code file} under {@code table}. */
  static void checked(Path file, String table, Runnable check) {
    located(
        file,
        table,
        () -> {
          check.run();
          return null;
        });
  }

  /** The sub-table {@code key} of {@code parent}, created (appended) when absent. */
  static Config table(Config parent, String key) {
    Object value = parent.valueMap().get(key);
    if (value == null) {
      Config created = parent.createSubConfig();
      parent.valueMap().put(key, created);
      return created;
    }
    if (value instanceof Config table) {
      return table;
    }
    throw new InvalidTierFileException(key, "must be a table");
  }

  /** A string value, or null when absent. */
  static String string(Config table, String key) {
    Object value = table.valueMap().get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new InvalidTierFileException(key, "must be a string");
  }

  /** A list of strings, or null when absent. */
  static List<String> strings(Config table, String key) {
    Object value = table.valueMap().get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new InvalidTierFileException(key, "must be a list of strings");
  }

  /** A timestamp written either as a TOML datetime or as an ISO-8601 string; null when absent. */
  static Instant instant(Config table, String key) {
    Object value = table.valueMap().get(key);
    if (value == null) {
      return null;
    }
    return TomlTimestamps.read(value, key);
  }

  /**
   * Applies the fields of a record to its table: a field whose value is unchanged from {@code
   * before} is left exactly as written, a null removes the key, a new key goes to the end. For a
   * new table, {@code before} is empty and the keys land in the order of {@code after}.
   */
  static void merge(Config table, Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> values = table.valueMap();
    after.forEach(
        (key, value) -> {
          if (Objects.equals(before.get(key), value)) {
            return;
          }
          if (value == null) {
            values.remove(key);
          } else if (value instanceof Instant instant) {
            putInstant(table, key, instant);
          } else if (value instanceof List<?> list) {
            values.put(key, new ArrayList<>(list));
          } else {
            values.put(key, value);
          }
        });
  }

  /**
   * Sets a timestamp as a TOML string, the only form SkillMeat reads ({@code
   * datetime.fromisoformat}): in the form of the key's current string (naive, {@code Z} or an
   * offset), else as SkillMeat writes it, naive UTC from Python's {@code isoformat()}. A TOML
   * datetime written by hand becomes such a string.
   */
  static void putInstant(Config table, String key, Instant value) {
    Map<String, Object> values = table.valueMap();
    String form = values.get(key) instanceof String s ? s : null;
    values.put(key, TomlTimestamps.write(form, value));
  }

  /** A sub-table of {@code parent} holding {@code values}; nested maps become tables. */
  static Config tableOf(Config parent, Map<String, Object> values) {
    Config table = parent.createSubConfig();
    values.forEach(
        (k, v) -> {
          Object toml = tomlValue(table, v);
          if (toml != null) {
            table.valueMap().put(k, toml);
          }
        });
    return table;
  }

  /** A value of YAML or plain Java as a TOML value; null for what TOML cannot hold. */
  private static Object tomlValue(Config parent, Object v) {
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> values = new LinkedHashMap<>();
      map.forEach((k, x) -> values.put(String.valueOf(k), x));
      return tableOf(parent, values);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        Object toml = tomlValue(parent, item);
        if (toml != null) {
          out.add(toml);
        }
      }
      return out;
    }
    if (v instanceof java.util.Date date) {
      java.time.LocalDateTime t =
          java.time.LocalDateTime.ofInstant(date.toInstant(), java.time.ZoneOffset.UTC);
      return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate() : t;
    }
    if (v instanceof java.math.BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
    }
    if (v instanceof String || v instanceof Boolean || v instanceof Number
        || v instanceof java.time.temporal.Temporal) {
      return v;
    }
    return v == null ? null : v.toString();
  }

  /** A table as nested plain maps and lists. */
  static Map<String, Object> plain(Config table) {
    Map<String, Object> out = new LinkedHashMap<>();
    table.valueMap().forEach((k, v) -> out.put(k, plainValue(v)));
    return out;
  }

  private static Object plainValue(Object v) {
    if (v instanceof Config c) {
      return plain(c);
    }
    if (v instanceof List<?> list) {
      return list.stream().map(TomlFiles::plainValue).toList();
    }
    return v;
  }
}
