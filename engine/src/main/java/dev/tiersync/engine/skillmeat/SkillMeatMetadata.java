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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code [artifacts.metadata]} table SkillMeat 0.74 derives from an artifact's front matter
 * ({@code skillmeat.utils.metadata.extract_artifact_metadata}, then {@code
 * ArtifactMetadata.to_dict}):
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
  /** Keys the fallback YAML reading does not copy into {@code extra}. */
  private static final Set<String> FALLBACK_KNOWN =
      Set.of(
          "title", "description", "author", "license", "version", "tags", "dependencies",
          "tools", "allowed-tools", "allowedTools", "aos_artifact_uuid", "aos_feature_uuid",
          "aos_run_uuid", "aos_trace_uuid", "native_aliases");

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
    Map<String, Object> frontMatter = FrontMatter.normalised(content);
    if (!frontMatter.isEmpty()) {
      populate(meta, frontMatter);
    }
    Map<String, Object> yaml = FrontMatter.raw(content);
    if (yaml != null) {
      if (!PyValues.truthy(meta.title)) {
        meta.title = yaml.get("title");
      }
      if (!PyValues.truthy(meta.description)) {
        meta.description = yaml.get("description");
      }
      if (!PyValues.truthy(meta.author)) {
        meta.author = yaml.get("author");
      }
      if (!PyValues.truthy(meta.license)) {
        meta.license = yaml.get("license");
      }
      if (!PyValues.truthy(meta.version)) {
        meta.version = yaml.get("version");
      }
      if (!PyValues.truthy(meta.dependencies)) {
        meta.dependencies = yaml.getOrDefault("dependencies", List.of());
      }
      yaml.forEach(
          (k, v) -> {
            if (!FALLBACK_KNOWN.contains(k)) {
              meta.extra.putIfAbsent(k, v);
            }
          });
    }
    if (!PyValues.truthy(meta.description)) {
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
      if (PyValues.truthy(dependencies)) {
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
    if (PyValues.truthy(fm.get("description"))) {
      meta.description = PyValues.pyStr(fm.get("description"));
    }
    Object tools = fm.getOrDefault("tools", List.of());
    if (PyValues.truthy(tools)) {
      List<?> names = tools instanceof List<?> l ? l : List.of(tools);
      meta.extra.put("frontmatter_tools", new ArrayList<>(names));
      List<String> valid = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (Object name : names) {
        if (!PyValues.truthy(name)) {
          continue;
        }
        String normalised = FrontMatter.toolName(PyValues.pyStr(name));
        if (normalised != null) {
          valid.add(normalised);
        } else {
          unknown.add(PyValues.pyStr(name));
        }
      }
      meta.tools = valid;
      if (!unknown.isEmpty()) {
        meta.extra.put("unknown_tools", unknown);
      }
    }
    for (String field : List.of("title", "author", "license", "version")) {
      if (PyValues.truthy(fm.get(field))) {
        String value = PyValues.pyStr(fm.get(field));
        switch (field) {
          case "title" -> meta.title = value;
          case "author" -> meta.author = value;
          case "license" -> meta.license = value;
          default -> meta.version = value;
        }
      }
    }
    if (PyValues.truthy(fm.get("dependencies"))) {
      Object deps = fm.get("dependencies");
      if (deps instanceof List<?> list) {
        meta.dependencies = PyValues.strings(list);
      } else if (deps instanceof String s) {
        meta.dependencies = PyValues.splitCommas(s);
      }
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










}
