package dev.tiersync.engine.testing;

import dev.tiersync.engine.model.ArtifactId;

/**
 * One {@code [[artifacts]]} entry of {@code collection.toml}, written as SkillMeat writes it (keys
 * in its order, timestamps as naive ISO strings) plus tiersync's {@code upstream_path}. Null
 * values are left out of the file.
 */
public record ManifestEntry(
    ArtifactId id, String origin, String upstream, String upstreamPath, String versionSpec) {

  /** When every entry was added: the fixture's files do not change from run to run. */
  static final String ADDED = "2026-11-01T10:00:00";

  /** An artifact kept only in the collection ({@code origin = "local"}), e.g. {@code command:x}. */
  public static ManifestEntry local(String id) {
    return new ManifestEntry(ArtifactId.parse(id), "local", null, null, null);
  }

  /** A skill that follows {@code main} of the Git repository at {@code url}, at skills/name. */
  public static ManifestEntry upstreamSkill(String name, String url) {
    return new ManifestEntry(
        ArtifactId.parse("skill:" + name), "local", url, "skills/" + name, "main");
  }

  public ManifestEntry withOrigin(String origin) {
    return new ManifestEntry(id, origin, upstream, upstreamPath, versionSpec);
  }

  public ManifestEntry withVersionSpec(String versionSpec) {
    return new ManifestEntry(id, origin, upstream, upstreamPath, versionSpec);
  }

  /** This entry without the {@code upstream_path} a non-GitHub upstream needs. */
  public ManifestEntry withoutUpstreamPath() {
    return new ManifestEntry(id, origin, upstream, null, versionSpec);
  }

  /** The entry as a TOML table, starting with a blank line. */
  String toml() {
    StringBuilder t = new StringBuilder("\n[[artifacts]]\n");
    key(t, "name", id.name());
    key(t, "type", id.type().id());
    key(t, "path", id.relativePath());
    key(t, "origin", origin);
    key(t, "added", ADDED);
    key(t, "upstream", upstream);
    key(t, "upstream_path", upstreamPath);
    key(t, "version_spec", versionSpec);
    return t.toString();
  }

  static void key(StringBuilder toml, String key, String value) {
    if (value != null) {
      String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"");
      toml.append(key).append(" = \"").append(quoted).append("\"\n");
    }
  }
}
