package dev.tiersync.engine.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Timestamps in the tier files, which come in two forms. SkillMeat writes Python {@code
 * isoformat()} strings of naive UTC times ({@code "2026-11-23T23:14:04.366654"}), and people
 * writing TOML by hand use TOML datetimes ({@code 2026-11-01T10:00:00Z}). Both read as {@link
 * Instant} (a naive time is UTC); tiersync writes strings only, as SkillMeat reads nothing else.
 */
final class TomlTimestamps {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private TomlTimestamps() {}

  /** The instant of a TOML value that holds a timestamp in either form. */
  static Instant read(Object value, String key) {
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
   * {@code value} as a TOML string in the form of {@code existing} (a string with or without an
   * offset); SkillMeat's naive UTC string when there is none. Never a TOML datetime: SkillMeat
   * fails on those ({@code fromisoformat: argument must be str}).
   */
  static String write(String existing, Instant value) {
    Instant micros = value.truncatedTo(ChronoUnit.MICROS);
    ZoneOffset offset = existing == null ? null : offsetOf(existing);
    if (offset != null) {
      String suffix = existing.endsWith("Z") ? "Z" : pythonOffset(offset);
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
