package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * One {@code [[deployed]]} table of a project's {@code .claude/.skillmeat-deployed.toml}: which
 * collection an artifact was deployed from, when, and the content hash it had then (the merge base
 * of the collection→project edge).
 *
 * @param artifactPath path relative to {@code .claude/}; null defaults to the type's layout
 * @param versionLineage the hashes the artifact has had in the project, newest first (SkillMeat's
 *     order); null means just {@code contentHash}
 */
public record DeployedArtifact(
    String name,
    ArtifactType type,
    String fromCollection,
    Instant deployedAt,
    String artifactPath,
    String contentHash,
    List<String> versionLineage) {

  public DeployedArtifact {
    TierValues.id(type, name, "artifact_name");
    TierValues.required(fromCollection, "from_collection");
    TierValues.required(deployedAt, "deployed_at");
    TierValues.required(contentHash, "content_hash");
    artifactPath =
        TierValues.relativePath(
            artifactPath == null ? type.relativePath(name) : artifactPath, "artifact_path");
    versionLineage = versionLineage == null ? List.of(contentHash) : List.copyOf(versionLineage);
  }

  /** A first deployment of {@code id} from {@code collection}, at the default path. */
  public static DeployedArtifact of(
      ArtifactId id, String collection, String contentHash, Instant at) {
    return new DeployedArtifact(id.name(), id.type(), collection, at, null, contentHash, null);
  }

  public ArtifactId id() {
    return new ArtifactId(type, name);
  }

  /** This entry after deploying {@code contentHash} at {@code at}: the hash heads the lineage. */
  public DeployedArtifact redeployed(String contentHash, Instant at) {
    List<String> lineage = new ArrayList<>(versionLineage);
    if (lineage.isEmpty() || !lineage.get(0).equals(contentHash)) {
      lineage.add(0, contentHash);
    }
    return new DeployedArtifact(name, type, fromCollection, at, artifactPath, contentHash, lineage);
  }

  static Optional<DeployedArtifact> read(Config t) {
    String content = TomlFiles.string(t, "content_hash");
    // Old SkillMeat records carry the hash only as collection_sha.
    String hash = content != null ? content : TomlFiles.string(t, "collection_sha");
    return TierValues.type(TomlFiles.string(t, "artifact_type"), "artifact_type")
        .map(
            type ->
                new DeployedArtifact(
                    withoutSuffix(TomlFiles.string(t, "artifact_name"), type),
                    type,
                    TomlFiles.string(t, "from_collection"),
                    TomlFiles.instant(t, "deployed_at"),
                    TomlFiles.string(t, "artifact_path"),
                    hash,
                    TomlFiles.strings(t, "version_lineage")));
  }

  /** The artifact a table names, read leniently from a table that may break other rules. */
  static Optional<ArtifactId> rawId(Config t) {
    return TierValues.rawId(
        t.valueMap().get("artifact_type"),
        t.valueMap().get("artifact_name"),
        DeployedArtifact::withoutSuffix);
  }

  /** SkillMeat sometimes records a command or agent with its {@code .md} in the name. */
  private static String withoutSuffix(String name, ArtifactType type) {
    String suffix = TierValues.fileSuffix(type);
    return name != null
            && !suffix.isEmpty()
            && name.endsWith(suffix)
            && name.length() > suffix.length()
        ? name.substring(0, name.length() - suffix.length())
        : name;
  }

  /**
   * The keys in the order SkillMeat writes them. SkillMeat keeps {@code merge_base_snapshot} and
   * the deprecated {@code collection_sha} equal to the deployed hash, so they follow it here.
   */
  LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("artifact_name", name);
    f.put("artifact_type", type.id());
    f.put("from_collection", fromCollection);
    f.put("deployed_at", deployedAt);
    f.put("artifact_path", artifactPath);
    f.put("content_hash", contentHash);
    f.put("version_lineage", versionLineage);
    f.put("merge_base_snapshot", contentHash);
    f.put("collection_sha", contentHash);
    return f;
  }
}
