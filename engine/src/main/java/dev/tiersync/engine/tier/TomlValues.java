package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed reads and careful writes of values in the tier files' TOML tables: a changed value is
 * written only when it really changed, in the form the file already used for it (see {@link
 * TomlTimestamps} for timestamps), and unknown keys stay as they were.
 */
final class TomlValues {
  private TomlValues() {}

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
      return list.stream().map(TomlValues::plainValue).toList();
    }
    return v;
  }
}
