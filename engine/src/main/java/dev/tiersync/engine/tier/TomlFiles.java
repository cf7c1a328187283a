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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
}
