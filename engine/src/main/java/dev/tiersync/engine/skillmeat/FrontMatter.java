package dev.tiersync.engine.skillmeat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The YAML front matter of an artifact's Markdown file, read the two ways SkillMeat 0.74 reads it:
 * {@link #normalised} is {@code skillmeat.utils.metadata.extract_frontmatter} (known fields
 * normalised, tool names listed, the other keys under {@code extra}), {@link #raw} is {@code
 * extract_yaml_frontmatter} (the YAML as written). YAML is parsed with SnakeYAML's safe loader,
 * which resolves scalars by YAML 1.1 as PyYAML's {@code safe_load} does.
 */
public final class FrontMatter {
  /** The tool names SkillMeat knows ({@code skillmeat.core.enums.Tool}). */
  private static final List<String> TOOLS =
      List.of(
          "Read", "Write", "Edit", "MultiEdit", "Glob", "Grep", "NotebookEdit", "Bash",
          "KillShell", "AskUserQuestion", "TodoWrite", "WebFetch", "WebSearch", "Task",
          "TaskOutput", "Skill", "EnterPlanMode", "ExitPlanMode");

  /** The front matter keys SkillMeat reads itself; any other goes to {@code extra}. */
  private static final Set<String> KNOWN_FIELDS =
      Set.of(
          "name", "description", "tools", "allowed-tools", "allowedTools", "disallowedTools",
          "disallowed-tools", "model", "permissionMode", "permission-mode", "skills", "hooks",
          "user-invocable", "userInvocable", "title", "author", "license", "version", "tags",
          "dependencies", "parameters", "aos_artifact_uuid", "aos_feature_uuid", "aos_run_uuid",
          "aos_trace_uuid", "native_aliases");

  /** SkillMeat's AOS correlation fields, copied as they are. */
  private static final Set<String> AOS_FIELDS =
      Set.of(
          "aos_artifact_uuid", "aos_feature_uuid", "aos_run_uuid", "aos_trace_uuid",
          "native_aliases");

  private static final Pattern FRONT_MATTER =
      Pattern.compile(
          "^\\ufeff?---[ \\t]*\\r?\\n(.*?)\\r?\\n---[ \\t]*(?:\\r?\\n|$)", Pattern.DOTALL);
  private static final Pattern YAML_FRONT_MATTER =
      Pattern.compile("^---\\s*\\n(.*?)\\n---\\s*\\n", Pattern.DOTALL);

  private FrontMatter() {}

  /**
   * The front matter's {@code description} as SkillMeat reads it, or null when there is none (no
   * front matter, no such key, or an empty value).
   */
  public static String description(String markdown) {
    // The raw read tells a YAML null (which normalising would print as "None") from a value.
    Map<String, Object> raw = raw(markdown.replace("\r\n", "\n") + "\n");
    if (raw == null || raw.get("description") == null) {
      return null;
    }
    String d = (String) normalised(markdown).get("description");
    return d == null || d.isBlank() ? null : d.strip();
  }

  /** {@code extract_frontmatter}: the front matter with SkillMeat's normalised fields. */
  static Map<String, Object> normalised(String content) {
    if (content.isEmpty() || content.strip().isEmpty()) {
      return Map.of();
    }
    Matcher m = FRONT_MATTER.matcher(content);
    if (!m.lookingAt()) {
      m = FRONT_MATTER.matcher(content.stripLeading());
      if (!m.lookingAt()) {
        return Map.of();
      }
    }
    Object loaded;
    try {
      loaded = yaml().load(m.group(1));
    } catch (YAMLException e) {
      return Map.of();
    }
    if (!(loaded instanceof Map<?, ?> raw)) {
      return Map.of();
    }
    Map<String, Object> data = stringKeys(raw);
    Map<String, Object> out = new LinkedHashMap<>();
    if (data.containsKey("name")) {
      out.put("name", PyValues.pyStr(data.get("name")));
    }
    if (data.containsKey("description")) {
      out.put("description", PyValues.pyStr(data.get("description")));
    }
    Object tools =
        firstTruthy(data.get("tools"), data.get("allowed-tools"), data.get("allowedTools"));
    if (tools != null) {
      if (tools instanceof String s) {
        List<String> one = s.strip().isEmpty() ? List.of() : List.of(s.strip());
        out.put("tools", s.contains(",") ? PyValues.splitCommas(s) : one);
      } else if (tools instanceof List<?> list) {
        out.put(
            "tools", list.stream().filter(t -> t != null).map(t -> PyValues.pyStr(t).strip()).toList());
      } else {
        out.put("tools", List.of());
      }
    }
    Object disallowed = firstTruthy(data.get("disallowedTools"), data.get("disallowed-tools"));
    if (disallowed != null) {
      out.put("disallowedTools", normaliseTools(disallowed));
    }
    if (data.containsKey("model")) {
      out.put("model", PyValues.pyStr(data.get("model")));
    }
    Object permission = firstTruthy(data.get("permissionMode"), data.get("permission-mode"));
    if (permission != null) {
      out.put("permissionMode", PyValues.pyStr(permission));
    }
    if (data.containsKey("skills")) {
      Object skills = data.get("skills");
      if (skills instanceof List<?> list) {
        out.put("skills", PyValues.strings(list));
      } else if (skills instanceof String s) {
        out.put("skills", PyValues.splitCommas(s));
      }
    }
    if (data.containsKey("hooks")) {
      out.put("hooks", data.get("hooks"));
    }
    Object invocable = firstTruthy(data.get("user-invocable"), data.get("userInvocable"));
    if (invocable instanceof Boolean b) {
      out.put("userInvocable", b);
    } else if (invocable instanceof String s) {
      out.put("userInvocable", Set.of("true", "yes", "1").contains(s.toLowerCase(Locale.ROOT)));
    }
    for (String field : List.of("title", "author", "license", "version")) {
      if (data.containsKey(field)) {
        out.put(field, PyValues.pyStr(data.get(field)));
      }
    }
    for (String field : List.of("tags", "dependencies")) {
      if (data.containsKey(field)) {
        Object v = data.get(field);
        if (v instanceof List<?> list) {
          out.put(field, PyValues.strings(list));
        } else if (v instanceof String s) {
          out.put(field, PyValues.splitCommas(s));
        }
      }
    }
    if (data.get("parameters") != null) {
      out.put("parameters", data.get("parameters"));
    }
    for (String field : AOS_FIELDS) {
      if (data.containsKey(field)) {
        out.put(field, data.get(field));
      }
    }
    Set<String> known = new TreeSet<>();
    KNOWN_FIELDS.forEach(k -> known.add(squash(k)));
    Map<String, Object> extra = new LinkedHashMap<>();
    data.forEach(
        (k, v) -> {
          if (!known.contains(squash(k))) {
            extra.put(k, v);
          }
        });
    if (!extra.isEmpty()) {
      out.put("extra", extra);
    }
    return out;
  }

  /** {@code extract_yaml_frontmatter}: the raw front matter, or null. */
  static Map<String, Object> raw(String content) {
    Matcher m = YAML_FRONT_MATTER.matcher(content);
    if (!m.lookingAt()) {
      return null;
    }
    try {
      return yaml().load(m.group(1)) instanceof Map<?, ?> raw ? stringKeys(raw) : null;
    } catch (YAMLException e) {
      return null;
    }
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** {@code _normalize_tool_name}: a tool's Claude Code name, or null for an unknown one. */
  static String toolName(String name) {
    String s = name.strip();
    if (s.isEmpty()) {
      return null;
    }
    if (TOOLS.contains(s)) {
      return s;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    for (String tool : TOOLS) {
      String snake = tool.replaceAll("(?<=[a-z])(?=[A-Z])", "_").toLowerCase(Locale.ROOT);
      if (lower.equals(tool.toLowerCase(Locale.ROOT))
          || lower.equals(snake)
          || lower.equals(snake.replace('_', '-'))) {
        return tool;
      }
    }
    return null;
  }

  private static List<String> normaliseTools(Object value) {
    List<String> raw = new ArrayList<>();
    if (value instanceof String s) {
      if (s.contains(",")) {
        for (String part : s.split(",", -1)) {
          raw.add(part.strip());
        }
      } else {
        raw.add(s.strip());
      }
    } else if (value instanceof List<?> list) {
      list.stream().filter(t -> t != null).forEach(t -> raw.add(PyValues.pyStr(t).strip()));
    } else {
      return List.of();
    }
    return raw.stream().filter(t -> !t.isEmpty()).map(FrontMatter::toolName)
        .filter(t -> t != null).toList();
  }

  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private static Object firstTruthy(Object... values) {
    Object last = null;
    for (Object v : values) {
      if (PyValues.truthy(v)) {
        return v;
      }
      last = v;
    }
    // Python's `a or b or c` yields the last operand when none is truthy.
    return last;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(PyValues.pyStr(k), v));
    return out;
  }
}
