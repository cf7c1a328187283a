package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code [[artifacts]]} entry of {@code collection.toml}. Nullable: {@code upstream}, {@code
 * upstreamPath}, {@code versionSpec}, {@code resolvedSha}, {@code resolvedVersion}, {@code added},
 * {@code lastUpdated}. A null {@code path} defaults to the type's layout ({@code skills/<name>}); a
 * given one is normalised (no trailing slash) and must stay inside the collection.
 *
 * @param upstreamPath tiersync's key for the artifact's path in a non-GitHub upstream repository
 * @param versionSpec branch, tag or commit to follow, or {@code latest} for the default branch
 */
public record ManifestArtifact(
    String name,
    ArtifactType type,
    String path,
    Origin origin,
    String upstream,
    String upstreamPath,
    String versionSpec,
    String resolvedSha,
    String resolvedVersion,
    Instant added,
    Instant lastUpdated,
    List<String> tags) {

  /**
   * Where an artifact came from. SkillMeat accepts only {@code local}, {@code github} and {@code
   * marketplace} and refuses the whole collection for any other value; {@code git} is read from
   * collections an older tiersync wrote, and never written: a rewritten entry says {@code local}.
   */
  public enum Origin {
    LOCAL,
    GITHUB,
    GIT,
    MARKETPLACE;

    /** The origin tiersync writes for this one: {@code local} instead of the legacy {@code git}. */
    public Origin writable() {
      return this == GIT ? LOCAL : this;
    }

    /** The lower-case name used in {@code collection.toml}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Origin parse(String value) {
      String id = TierValues.required(value, "origin");
      for (Origin o : values()) {
        if (o.id().equals(id)) {
          return o;
        }
      }
      throw new InvalidTierFileException(
          "origin", "unknown origin '" + value + "' (expected local, github, git or marketplace)");
    }
  }

  public ManifestArtifact {
    TierValues.id(type, name, "name");
    path = TierValues.relativePath(path == null ? type.relativePath(name) : path, "path");
    if (path.isEmpty()) {
      throw new InvalidTierFileException(
          "path", "must name a file or folder inside the collection");
    }
    TierValues.required(origin, "origin");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** A local artifact at the default path, added at {@code added}. */
  public static ManifestArtifact local(ArtifactId id, Instant added) {
    return new ManifestArtifact(
        id.name(), id.type(), null, Origin.LOCAL, null, null, null, null, null, added, null, null);
  }

  /**
   * An artifact that follows an upstream, at the default path, added at {@code added}: a GitHub
   * tree URL with {@code origin = "github"} (the repository path is in the URL), any other
   * repository with {@code origin = "local"} and {@code upstream_path}.
   */
  public static ManifestArtifact fromUpstream(
      ArtifactId id, String repository, String upstreamPath, String versionSpec, Instant added) {
    Optional<String> tree = UpstreamSpec.gitHubTreeUrl(repository, versionSpec, upstreamPath);
    return new ManifestArtifact(
        id.name(), id.type(), null, tree.isPresent() ? Origin.GITHUB : Origin.LOCAL,
        tree.orElse(repository), tree.isPresent() ? null : upstreamPath, versionSpec, null, null,
        added, null, null);
  }

  /** This entry following another branch, tag or commit ({@code latest}: the default branch). */
  public ManifestArtifact withVersionSpec(String spec) {
    return new ManifestArtifact(
        name, type, path, origin, upstream, upstreamPath, spec, resolvedSha, resolvedVersion, added,
        lastUpdated, tags);
  }

  public ArtifactId id() {
    return new ArtifactId(type, name);
  }

  /** Where to fetch this artifact from upstream; empty for an artifact without upstream. */
  public Optional<UpstreamSpec> upstreamSpec() {
    return UpstreamSpec.of(this);
  }

  /**
   * This entry after fetching upstream: the resolved commit and version, and when. A legacy {@code
   * git} origin becomes {@code local}.
   */
  public ManifestArtifact withResolved(String sha, String version, Instant updatedAt) {
    return new ManifestArtifact(
        name,
        type,
        path,
        origin.writable(),
        upstream,
        upstreamPath,
        versionSpec,
        sha,
        version,
        added,
        updatedAt,
        tags);
  }

  /**
   * This entry after tiersync wrote a new version into the collection by other means than an
   * upstream fetch (from a project, or a resolve): updated now; a legacy {@code git} origin becomes
   * {@code local}.
   */
  public ManifestArtifact updated(Instant updatedAt) {
    return new ManifestArtifact(
        name, type, path, origin.writable(), upstream, upstreamPath, versionSpec, resolvedSha,
        resolvedVersion, added, updatedAt, tags);
  }

  /** This entry with another origin. */
  public ManifestArtifact withOrigin(Origin other) {
    return new ManifestArtifact(
        name, type, path, other, upstream, upstreamPath, versionSpec, resolvedSha, resolvedVersion,
        added, lastUpdated, tags);
  }

  /** This entry with the path of its upstream repository that SkillMeat's rewrite dropped. */
  public ManifestArtifact withUpstreamPath(String path) {
    return new ManifestArtifact(
        name, type, this.path, origin, upstream, path, versionSpec, resolvedSha, resolvedVersion,
        added, lastUpdated, tags);
  }

  static Optional<ManifestArtifact> read(Config t) {
    return TierValues.type(TomlValues.string(t, "type"), "type")
        .map(
            type ->
                new ManifestArtifact(
                    TomlValues.string(t, "name"),
                    type,
                    TomlValues.string(t, "path"),
                    Origin.parse(TomlValues.string(t, "origin")),
                    TomlValues.string(t, "upstream"),
                    TomlValues.string(t, "upstream_path"),
                    TomlValues.string(t, "version_spec"),
                    TomlValues.string(t, "resolved_sha"),
                    TomlValues.string(t, "resolved_version"),
                    TomlValues.instant(t, "added"),
                    TomlValues.instant(t, "last_updated"),
                    TomlValues.strings(t, "tags")));
  }

  /** The artifact a table names, read leniently from a table that may break other rules. */
  static Optional<ArtifactId> rawId(Config t) {
    return TierValues.rawId(t.valueMap().get("type"), t.valueMap().get("name"), (n, type) -> n);
  }

  /** The keys in the order SkillMeat writes them ({@code upstream_path} is tiersync's own). */
  LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("type", type.id());
    f.put("path", path);
    f.put("origin", origin.id());
    f.put("added", added);
    f.put("upstream", upstream);
    f.put("upstream_path", upstreamPath);
    f.put("version_spec", versionSpec);
    f.put("resolved_sha", resolvedSha);
    f.put("resolved_version", resolvedVersion);
    f.put("last_updated", lastUpdated);
    f.put("tags", tags.isEmpty() ? null : tags);
    return f;
  }
}
