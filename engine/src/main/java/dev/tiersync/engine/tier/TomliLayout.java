package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a TOML document out the way SkillMeat's writer ({@code tomli_w} 1.x with its default
 * options) does, so that when either tool rewrites a file the other wrote, only the values that
 * changed differ: a table's plain keys first, then its sub-tables, one blank line before each
 * table header, non-empty arrays one item per line (four-space indent, trailing comma), basic
 * strings with compact escapes, bare keys where {@code [A-Za-z0-9_-]} allows, an array of tables
 * inline only when every table fits in 100 characters, LF line ends.
 *
 * <p>Unlike {@code tomli_w}, a comment the document holds for a key or a table is written above
 * it, so that a tiersync rewrite keeps what people wrote by hand (SkillMeat drops comments).
 */
final class TomliLayout {
  private static final int MAX_LINE_LENGTH = 100;
  private static final String INDENT = "    ";
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private TomliLayout() {}

  /** The document as TOML text. */
  static String write(Config doc) {
    StringBuilder out = new StringBuilder();
    table(out, doc, "", false);
    return out.toString();
  }

  private record SubTable(String key, Config table, boolean inArray) {}

  private static void table(StringBuilder out, Config table, String name, boolean inArray) {
    List<Map.Entry<String, Object>> literals = new ArrayList<>();
    List<SubTable> tables = new ArrayList<>();
    for (Map.Entry<String, Object> e : table.valueMap().entrySet()) {
      Object v = e.getValue();
      if (v instanceof Config sub) {
        tables.add(new SubTable(e.getKey(), sub, false));
      } else if (isArrayOfTables(v) && !allInline((List<?>) v)) {
        for (Object t : (List<?>) v) {
          tables.add(new SubTable(e.getKey(), (Config) t, true));
        }
      } else {
        literals.add(e);
      }
    }
    boolean written = false;
    if (inArray || (!name.isEmpty() && (!literals.isEmpty() || tables.isEmpty()))) {
      written = true;
      out.append(inArray ? "[[" + name + "]]\n" : "[" + name + "]\n");
    }
    for (Map.Entry<String, Object> e : literals) {
      written = true;
      comment(out, table, e.getKey());
      out.append(key(e.getKey())).append(" = ").append(literal(e.getValue(), 0)).append('\n');
    }
    String previous = null;
    for (SubTable t : tables) {
      if (written) {
        out.append('\n');
      } else {
        written = true;
      }
      if (!t.key().equals(previous)) {
        comment(out, table, t.key());
      }
      previous = t.inArray() ? t.key() : null;
      String part = key(t.key());
      table(out, t.table(), name.isEmpty() ? part : name + "." + part, t.inArray());
    }
  }

  private static void comment(StringBuilder out, Config table, String key) {
    if (table instanceof CommentedConfig c) {
      String text = c.getComment(List.of(key));
      if (text != null && !text.isEmpty()) {
        for (String line : text.split("\n", -1)) {
          out.append('#').append(line).append('\n');
        }
      }
    }
  }

  private static boolean isArrayOfTables(Object v) {
    return v instanceof List<?> list
        && !list.isEmpty()
        && list.stream().allMatch(Config.class::isInstance);
  }

  private static boolean allInline(List<?> tables) {
    for (Object t : tables) {
      String rendered = INDENT + inlineTable((Config) t) + ",";
      if (rendered.length() > MAX_LINE_LENGTH || rendered.indexOf('\n') >= 0) {
        return false;
      }
    }
    return true;
  }

  private static String literal(Object v, int nest) {
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return v.toString();
    }
    if (v instanceof Double || v instanceof Float) {
      return number(((Number) v).doubleValue());
    }
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof OffsetDateTime t) {
      return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (v instanceof LocalDateTime t) {
      return t.format(LOCAL);
    }
    if (v instanceof LocalDate || v instanceof LocalTime) {
      return v.toString();
    }
    if (v instanceof List<?> list) {
      return array(list, nest);
    }
    if (v instanceof Config c) {
      return inlineTable(c);
    }
    throw new IllegalArgumentException("not a TOML value: " + v.getClass().getName());
  }

  private static String array(List<?> list, int nest) {
    if (list.isEmpty()) {
      return "[]";
    }
    String itemIndent = INDENT.repeat(nest + 1);
    StringBuilder b = new StringBuilder("[\n");
    for (Object item : list) {
      b.append(itemIndent).append(literal(item, nest + 1)).append(",\n");
    }
    return b.append(INDENT.repeat(nest)).append(']').toString();
  }

  private static String inlineTable(Config c) {
    if (c.valueMap().isEmpty()) {
      return "{}";
    }
    List<String> parts = new ArrayList<>();
    c.valueMap().forEach((k, v) -> parts.add(key(k) + " = " + literal(v, 0)));
    return "{ " + String.join(", ", parts) + " }";
  }

  /** Python's {@code repr} of a float: shortest digits, exponent form below 1e-4 or from 1e16. */
  private static String number(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d) < 0 ? "-0.0" : "0.0";
    }
    BigDecimal x = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = x.precision() - x.scale() - 1;
    if (exponent < -4 || exponent >= 16) {
      String digits = x.unscaledValue().abs().toString();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return (d < 0 ? "-" : "")
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    String plain = x.toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  private static String key(String k) {
    if (!k.isEmpty() && k.chars().allMatch(TomliLayout::isBareKeyChar)) {
      return k;
    }
    return string(k);
  }

  private static boolean isBareKeyChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /** A basic string: compact escapes, other control characters as {@code \\uXXXX}, tab raw. */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\b' -> b.append("\\b");
        case '\n' -> b.append("\\n");
        case '\f' -> b.append("\\f");
        case '\r' -> b.append("\\r");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if ((c < 0x20 && c != '\t') || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
