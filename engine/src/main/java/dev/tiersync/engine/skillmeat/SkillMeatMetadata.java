package dev.tiersync.engine.skillmeat;

import dev.tiersync.engine.model.ArtifactType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The {@code [artifacts.metadata]} table SkillMeat 0.74 derives from an artifact's front matter
 * ({@code skillmeat.utils.metadata.extract_artifact_metadata} then {@code ArtifactMetadata.to_dict}):
 * what {@code skillmeat add} writes and {@code skillmeat update} rewrites, and what {@code
 * skillmeat show} and {@code list} print. tiersync writes it after it puts a new version into a
 * collection, so SkillMeat never shows a stale description.
 *
 * <p>Covered: {@code title}, {@code description} (else the body's first line that is not a
 * heading, cut to 200 characters), {@code author}, {@code license}, {@code version}, {@code
 * dependencies}, {@code tools} (from {@code tools}, {@code allowed-tools} or {@code
 * allowedTools}, normalised to Claude Code's tool names), and {@code extra}: the normalised front
 * matter, the tool names as written, unknown tool names and the front matter's other keys. Not
 * covered: {@code parameters} schemas, the {@code aos_*} identifiers and SkillMeat's line-by-line
 * reading of front matter that is not valid YAML (tiersync then keeps only the body's
 * description). See {@code docs/skillmeat.md}.
 */
public final class SkillMeatMetadata {
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

  private static final Set<String> AOS_FIELDS =
      Set.of(
          "aos_artifact_uuid", "aos_feature_uuid", "aos_run_uuid", "aos_trace_uuid",
          "native_aliases");

  /** Keys the fallback YAML reading does not copy into {@code extra}. */
  private static final Set<String> FALLBACK_KNOWN =
      Set.of(
          "title", "description", "author", "license", "version", "tags", "dependencies",
          "tools", "allowed-tools", "allowedTools", "aos_artifact_uuid", "aos_feature_uuid",
          "aos_run_uuid", "aos_trace_uuid", "native_aliases");

  private static final Pattern FRONT_MATTER =
      Pattern.compile("^\\ufeff?---[ \\t]*\\r?\\n(.*?)\\r?\\n---[ \\t]*(?:\\r?\\n|$)", Pattern.DOTALL);
  private static final Pattern YAML_FRONT_MATTER =
      Pattern.compile("^---\\s*\\n(.*?)\\n---\\s*\\n", Pattern.DOTALL);

  private SkillMeatMetadata() {}

  /**
   * The metadata table of the artifact at {@code artifact} (its folder or file in a collection),
   * keys in SkillMeat's order; empty when the type has no metadata file SkillMeat reads (hooks,
   * MCP servers) or the file is missing or not UTF-8 (SkillMeat then writes no metadata).
   */
  public static Map<String, Object> of(Path artifact, ArtifactType type) throws IOException {
    Optional<Path> file = metadataFile(artifact, type);
    if (file.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Optional<String> text = utf8(Files.readAllBytes(file.get()));
    if (text.isEmpty()) {
      return new LinkedHashMap<>();
    }
    // Python's read_text() turns every line end into \n.
    return extract(text.get().replace("\r\n", "\n").replace('\r', '\n'));
  }

  /** Whether SkillMeat keeps metadata for artifacts of this type. */
  public static boolean applies(ArtifactType type) {
    return type == ArtifactType.SKILL || type == ArtifactType.COMMAND || type == ArtifactType.AGENT;
  }

  static Optional<Path> metadataFile(Path artifact, ArtifactType type) throws IOException {
    if (type == ArtifactType.SKILL) {
      Path skillMd = artifact.resolve("SKILL.md");
      return Files.isDirectory(artifact) && Files.exists(skillMd)
          ? Optional.of(skillMd)
          : Optional.empty();
    }
    if (type != ArtifactType.COMMAND && type != ArtifactType.AGENT) {
      return Optional.empty();
    }
    if (Files.isRegularFile(artifact) && artifact.getFileName().toString().endsWith(".md")) {
      return Optional.of(artifact);
    }
    if (!Files.isDirectory(artifact)) {
      return Optional.empty();
    }
    List<String> names =
        type == ArtifactType.COMMAND ? List.of("command.md") : List.of("AGENT.md", "agent.md");
    for (String name : names) {
      if (Files.exists(artifact.resolve(name))) {
        return Optional.of(artifact.resolve(name));
      }
    }
    // SkillMeat takes the first *.md the folder lists; tiersync takes the first by name.
    TreeSet<Path> md = new TreeSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(artifact, "*.md")) {
      files.forEach(md::add);
    }
    return md.isEmpty() ? Optional.empty() : Optional.of(md.first());
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** {@code extract_artifact_metadata} on the text of the metadata file. */
  static Map<String, Object> extract(String content) {
    Meta meta = new Meta();
    Map<String, Object> frontMatter = frontMatter(content);
    if (!frontMatter.isEmpty()) {
      populate(meta, frontMatter);
    }
    Map<String, Object> yaml = yamlFrontMatter(content);
    if (yaml != null) {
      if (!truthy(meta.title)) {
        meta.title = yaml.get("title");
      }
      if (!truthy(meta.description)) {
        meta.description = yaml.get("description");
      }
      if (!truthy(meta.author)) {
        meta.author = yaml.get("author");
      }
      if (!truthy(meta.license)) {
        meta.license = yaml.get("license");
      }
      if (!truthy(meta.version)) {
        meta.version = yaml.get("version");
      }
      if (!truthy(meta.dependencies)) {
        meta.dependencies = yaml.getOrDefault("dependencies", List.of());
      }
      yaml.forEach(
          (k, v) -> {
            if (!FALLBACK_KNOWN.contains(k)) {
              meta.extra.putIfAbsent(k, v);
            }
          });
    }
    if (!truthy(meta.description)) {
      meta.description = bodyDescription(content);
    }
    return meta.toMap();
  }

  /** The fields of {@code ArtifactMetadata} that tiersync fills. */
  private static final class Meta {
    Object title;
    Object description;
    Object author;
    Object license;
    Object version;
    Object dependencies = List.of();
    List<String> tools = List.of();
    final Map<String, Object> extra = new LinkedHashMap<>();

    /** {@code ArtifactMetadata.to_dict}, with Python's None left out. */
    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>();
      putIfNotNull(out, "title", title);
      putIfNotNull(out, "description", description);
      putIfNotNull(out, "author", author);
      putIfNotNull(out, "license", license);
      putIfNotNull(out, "version", version);
      if (truthy(dependencies)) {
        out.put("dependencies", dependencies);
      }
      if (!tools.isEmpty()) {
        out.put("tools", tools);
      }
      if (!extra.isEmpty()) {
        out.put("extra", extra);
      }
      return out;
    }

    private static void putIfNotNull(Map<String, Object> out, String key, Object value) {
      if (value != null) {
        out.put(key, value);
      }
    }
  }

  /** {@code populate_metadata_from_frontmatter}. */
  private static void populate(Meta meta, Map<String, Object> fm) {
    meta.extra.put("frontmatter", fm);
    if (truthy(fm.get("description"))) {
      meta.description = pyStr(fm.get("description"));
    }
    Object tools = fm.getOrDefault("tools", List.of());
    if (truthy(tools)) {
      List<?> names = tools instanceof List<?> l ? l : List.of(tools);
      meta.extra.put("frontmatter_tools", new ArrayList<>(names));
      List<String> valid = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (Object name : names) {
        if (!truthy(name)) {
          continue;
        }
        String normalised = toolName(pyStr(name));
        if (normalised != null) {
          valid.add(normalised);
        } else {
          unknown.add(pyStr(name));
        }
      }
      meta.tools = valid;
      if (!unknown.isEmpty()) {
        meta.extra.put("unknown_tools", unknown);
      }
    }
    for (String field : List.of("title", "author", "license", "version")) {
      if (truthy(fm.get(field))) {
        String value = pyStr(fm.get(field));
        switch (field) {
          case "title" -> meta.title = value;
          case "author" -> meta.author = value;
          case "license" -> meta.license = value;
          default -> meta.version = value;
        }
      }
    }
    if (truthy(fm.get("dependencies"))) {
      Object deps = fm.get("dependencies");
      if (deps instanceof List<?> list) {
        meta.dependencies = list.stream().filter(SkillMeatMetadata::truthy).map(SkillMeatMetadata::pyStr).toList();
      } else if (deps instanceof String s) {
        meta.dependencies = splitCommas(s);
      }
    }
  }

  /** {@code extract_frontmatter}: the front matter with SkillMeat's normalised fields. */
  private static Map<String, Object> frontMatter(String content) {
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
      out.put("name", pyStr(data.get("name")));
    }
    if (data.containsKey("description")) {
      out.put("description", pyStr(data.get("description")));
    }
    Object tools = firstTruthy(data.get("tools"), data.get("allowed-tools"), data.get("allowedTools"));
    if (tools != null) {
      if (tools instanceof String s) {
        out.put("tools", s.contains(",") ? splitCommas(s) : s.strip().isEmpty() ? List.of() : List.of(s.strip()));
      } else if (tools instanceof List<?> list) {
        out.put("tools", list.stream().filter(t -> t != null).map(t -> pyStr(t).strip()).toList());
      } else {
        out.put("tools", List.of());
      }
    }
    Object disallowed = firstTruthy(data.get("disallowedTools"), data.get("disallowed-tools"));
    if (disallowed != null) {
      out.put("disallowedTools", normaliseTools(disallowed));
    }
    if (data.containsKey("model")) {
      out.put("model", pyStr(data.get("model")));
    }
    Object permission = firstTruthy(data.get("permissionMode"), data.get("permission-mode"));
    if (permission != null) {
      out.put("permissionMode", pyStr(permission));
    }
    if (data.containsKey("skills")) {
      Object skills = data.get("skills");
      if (skills instanceof List<?> list) {
        out.put("skills", list.stream().filter(SkillMeatMetadata::truthy).map(SkillMeatMetadata::pyStr).toList());
      } else if (skills instanceof String s) {
        out.put("skills", splitCommas(s));
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
        out.put(field, pyStr(data.get(field)));
      }
    }
    for (String field : List.of("tags", "dependencies")) {
      if (data.containsKey(field)) {
        Object v = data.get(field);
        if (v instanceof List<?> list) {
          out.put(field, list.stream().filter(SkillMeatMetadata::truthy).map(SkillMeatMetadata::pyStr).toList());
        } else if (v instanceof String s) {
          out.put(field, splitCommas(s));
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
  private static Map<String, Object> yamlFrontMatter(String content) {
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

  /** {@code extract_description_from_content} of the text after the front matter. */
  private static String bodyDescription(String content) {
    String body = content;
    if (content.startsWith("---")) {
      String[] lines = content.split("\n", -1);
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].strip().equals("---")) {
          body = String.join("\n", java.util.Arrays.asList(lines).subList(i + 1, lines.length));
          break;
        }
      }
    }
    if (body.strip().isEmpty()) {
      return null;
    }
    for (String line : body.split("\n", -1)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        return l.codePointCount(0, l.length()) <= 200
            ? l
            : l.substring(0, l.offsetByCodePoints(0, 200));
      }
    }
    return null;
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
      list.stream().filter(t -> t != null).forEach(t -> raw.add(pyStr(t).strip()));
    } else {
      return List.of();
    }
    return raw.stream().filter(t -> !t.isEmpty()).map(SkillMeatMetadata::toolName)
        .filter(t -> t != null).toList();
  }

  private static List<String> splitCommas(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(",", -1)) {
      if (!part.strip().isEmpty()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static String squash(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private static Object firstTruthy(Object... values) {
    Object last = null;
    for (Object v : values) {
      if (truthy(v)) {
        return v;
      }
      last = v;
    }
    // Python's `a or b or c` yields the last operand when none is truthy.
    return last;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(pyStr(k), v));
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
    return v instanceof String s ? "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'" : pyStr(v);
  }
}
