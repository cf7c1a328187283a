package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import com.electronwill.nightconfig.core.io.ParsingMode;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlParser;
import com.electronwill.nightconfig.toml.TomlWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
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
 *
 * <p>Timestamps come in two forms. SkillMeat writes Python {@code isoformat()} strings of naive UTC
 * times ({@code "2026-11-23T23:14:04.366654"}), and people writing TOML by hand use TOML datetimes
 * ({@code 2026-11-01T10:00:00Z}). Both read as {@link Instant}; a naive time is UTC.
 */
final class TomlFiles {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private TomlFiles() {}

  /** An empty document whose tables keep their keys in insertion order. */
  static CommentedConfig newDocument() {
    return TomlFormat.newConfig(LinkedHashMap::new);
  }

  /** Parses a file, or returns empty when it does not exist. */
  static Optional<CommentedConfig> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(parse(file, text));
  }

  /** Parses the text of {@code file} (named in errors). */
  static CommentedConfig parse(Path file, String text) {
    CommentedConfig doc = newDocument();
    try {
      new TomlParser().parse(new StringReader(text), doc, ParsingMode.REPLACE);
    } catch (ParsingException e) {
      throw InvalidTierFileException.notToml(file, e);
    }
    return doc;
  }

  /** Writes a document atomically, with LF line ends and no indentation (as SkillMeat does). */
  static void write(Path file, Config doc) throws IOException {
    TomlWriter writer = new TomlWriter();
    writer.setIndent("");
    writer.setNewline("\n");
    AtomicFiles.write(file, writer.writeToString(doc).getBytes(StandardCharsets.UTF_8));
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
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDate d) {
      return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (value instanceof String s) {
      return parseTimestamp(s, key);
    }
    throw new InvalidTierFileException(key, "must be a date-time");
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
   * Sets a timestamp in the form the key already has. A new key takes the form of the table's other
   * TOML datetimes, or else SkillMeat's string form, which is the only one SkillMeat reads.
   */
  static void putInstant(Config table, String key, Instant value) {
    Map<String, Object> values = table.valueMap();
    Object form = values.get(key);
    if (form == null) {
      form = values.values().stream().filter(Temporal.class::isInstance).findFirst().orElse(null);
    }
    values.put(key, timestamp(form, value));
  }

  private static Object timestamp(Object existing, Instant value) {
    Instant micros = value.truncatedTo(ChronoUnit.MICROS);
    if (existing instanceof OffsetDateTime t) {
      return micros.atOffset(t.getOffset());
    }
    if (existing instanceof LocalDateTime || existing instanceof LocalDate) {
      return LocalDateTime.ofInstant(micros, ZoneOffset.UTC);
    }
    ZoneOffset offset = existing instanceof String s ? offsetOf(s) : null;
    if (offset != null) {
      String suffix = ((String) existing).endsWith("Z") ? "Z" : pythonOffset(offset);
      return pythonIso(LocalDateTime.ofInstant(micros, offset)) + suffix;
    }
    return pythonIso(LocalDateTime.ofInstant(micros, ZoneOffset.UTC));
  }

  /** Formats like Python's {@code datetime.isoformat()}: microseconds only when non-zero. */
  private static String pythonIso(LocalDateTime t) {
    int micros = t.getNano() / 1000;
    return SECONDS.format(t) + (micros == 0 ? "" : String.format(".%06d", micros));
  }

  private static String pythonOffset(ZoneOffset offset) {
    return offset.equals(ZoneOffset.UTC) ? "+00:00" : offset.getId();
  }

  private static Instant parseTimestamp(String s, String key) {
    try {
      String iso = isoT(s);
      if (iso.length() == 10) {
        return LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      TemporalAccessor t =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime o
          ? o.toInstant()
          : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidTierFileException(key, "must be an ISO-8601 date-time, got '" + s + "'");
    }
  }

  /** The offset of a timestamp string, or null for a naive one. */
  private static ZoneOffset offsetOf(String s) {
    try {
      return OffsetDateTime.parse(isoT(s)).getOffset();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Python accepts a space between date and time; java.time wants the {@code T}. */
  private static String isoT(String s) {
    return s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
  }
}
