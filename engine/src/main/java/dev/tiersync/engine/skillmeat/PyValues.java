package dev.tiersync.engine.skillmeat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** YAML values as SkillMeat's Python code sees them: truthiness and {@code str()}. */
final class PyValues {
  private PyValues() {}

  static List<String> splitCommas(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(",", -1)) {
      if (!part.strip().isEmpty()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  /** Python's truthiness. */
  static boolean truthy(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof java.util.Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  /** Python's {@code str()} of a YAML value. */
  static String pyStr(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "nan";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "inf" : "-inf";
      }
      String s = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      return s.contains(".") ? s : s + ".0";
    }
    if (v instanceof java.util.Date date) {
      java.time.LocalDateTime t =
          java.time.LocalDateTime.ofInstant(date.toInstant(), java.time.ZoneOffset.UTC);
      return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? t.toLocalDate().toString()
          : t.toLocalDate() + " " + t.toLocalTime();
    }
    if (v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(i -> items.add(pyRepr(i)));
      return "[" + String.join(", ", items) + "]";
    }
    if (v instanceof Map<?, ?> map) {
      List<String> items = new ArrayList<>();
      map.forEach((k, i) -> items.add(pyRepr(k) + ": " + pyRepr(i)));
      return "{" + String.join(", ", items) + "}";
    }
    return v.toString();
  }

  private static String pyRepr(Object v) {
    return v instanceof String s
        ? "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"
        : pyStr(v);
  }

  /** The truthy items of a list, each as Python's {@code str()}. */
  static List<String> strings(List<?> list) {
    return list.stream().filter(PyValues::truthy).map(PyValues::pyStr).toList();
  }
}
