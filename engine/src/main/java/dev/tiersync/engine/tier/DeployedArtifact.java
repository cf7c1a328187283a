package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [[deployed]]} table of a project's {@code .claude/.skillmeat-deployed.toml}: which
 * collection an artifact was deployed from, when, and SkillMeat's hash of the deployed content.
 * Every value here is SkillMeat's (see {@code docs/skillmeat.md}); tiersync's own hash of the
 * edge's base lives in {@link DeploymentSidecar}.
 *
 * @param artifactPath path relative to {@code .claude/}; null defaults to the type's layout
 * @param contentHash SkillMeat's hash ({@code dev.tiersync.engine.skillmeat.SkillMeatHash}) of the
 *     version the collection→project edge is based on; a record an older tiersync wrote holds
 *     tiersync's own hash here
 * @param skillMeatKeys SkillMeat's other keys of the record as written ({@link #DEPLOY_KEYS}),
 *     kept so that a redeploy can reset them the way SkillMeat's own deploy does
 */
public record DeployedArtifact(
    String name,
    ArtifactType type,
    String fromCollection,
    Instant deployedAt,
    String artifactPath,
    String contentHash,
    Map<String, Object> skillMeatKeys) {

  /**
   * SkillMeat's keys after {@code content_hash} that its deploy writes (or drops) afresh, in its
   * order; {@code artifact_uuid} and {@code branch_name} sit between {@code profile_root_dir} and
   * {@code collection_sha} and are left as they are.
   */
  static final List<String> DEPLOY_KEYS =
      List.of(
          "local_modifications",
          "parent_hash",
          "version_lineage",
          "last_modified_check",
          "modification_detected_at",
          "merge_base_snapshot",
          "deployment_profile_id",
          "platform",
          "profile_root_dir",
          "collection_sha");

  /** The profile SkillMeat's {@code deploy} records for a project's {@code .claude/}. */
  static final String CLAUDE_CODE = "claude_code";

  public DeployedArtifact {
    TierValues.id(type, name, "artifact_name");
    TierValues.required(fromCollection, "from_collection");
    TierValues.required(deployedAt, "deployed_at");
    TierValues.required(contentHash, "content_hash");
    artifactPath =
        TierValues.relativePath(
            artifactPath == null ? type.relativePath(name) : artifactPath, "artifact_path");
    skillMeatKeys =
        skillMeatKeys == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(skillMeatKeys));
  }

  /**
   * A first deployment of {@code id} from {@code collection}, at the default path, recorded as
   * SkillMeat's {@code deploy} records one.
   *
   * @param skillMeatHash SkillMeat's hash of the deployed version
   */
  public static DeployedArtifact of(
      ArtifactId id, String collection, String skillMeatHash, Instant at) {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("deployment_profile_id", CLAUDE_CODE);
    keys.put("platform", CLAUDE_CODE);
    keys.put("profile_root_dir", ProjectLayout.CLAUDE_DIR);
    return new DeployedArtifact(id.name(), id.type(), collection, at, null, skillMeatHash, keys)
        .redeployed(skillMeatHash, at, false);
  }

  public ArtifactId id() {
    return new ArtifactId(type, name);
  }

  /**
   * This record after a deploy at {@code at} whose base SkillMeat hashes to {@code skillMeatHash},
   * as SkillMeat's {@code record_deployment} rebuilds it: {@code merge_base_snapshot} and {@code
   * collection_sha} equal the hash, {@code version_lineage}, {@code parent_hash} and the
   * modification timestamps are dropped; the profile keys stay.
   *
   * @param localModifications whether the project copy as written differs from the base (a merge
   *     kept local edits); SkillMeat's own deploy always writes false
   */
  public DeployedArtifact redeployed(String skillMeatHash, Instant at, boolean localModifications) {
    Map<String, Object> keys = new LinkedHashMap<>(skillMeatKeys);
    keys.put("local_modifications", localModifications);
    keys.remove("parent_hash");
    keys.remove("version_lineage");
    keys.remove("last_modified_check");
    keys.remove("modification_detected_at");
    keys.put("merge_base_snapshot", skillMeatHash);
    keys.put("collection_sha", skillMeatHash);
    return new DeployedArtifact(
        name, type, fromCollection, at, artifactPath, skillMeatHash, keys);
  }

  /**
   * The hashes SkillMeat records for the project copy, newest first: its {@code version_lineage},
   * or {@code [content_hash]} when absent (as SkillMeat reads it). SkillMeat 0.74 never
   * accumulates it.
   */
  public List<String> versionLineage() {
    return skillMeatKeys.get("version_lineage") instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of(contentHash);
  }

  static Optional<DeployedArtifact> read(Config t) {
    String content = TomlValues.string(t, "content_hash");
    // Old SkillMeat records carry the hash only as collection_sha.
    String hash = content != null ? content : TomlValues.string(t, "collection_sha");
    TomlValues.strings(t, "version_lineage");
    Map<String, Object> keys = new LinkedHashMap<>();
    for (String key : DEPLOY_KEYS) {
      Object value = t.valueMap().get(key);
      if (value != null) {
        keys.put(key, value);
      }
    }
    return TierValues.type(TomlValues.string(t, "artifact_type"), "artifact_type")
        .map(
            type ->
                new DeployedArtifact(
                    withoutSuffix(TomlValues.string(t, "artifact_name"), type),
                    type,
                    TomlValues.string(t, "from_collection"),
                    TomlValues.instant(t, "deployed_at"),
                    TomlValues.string(t, "artifact_path"),
                    hash,
                    keys));
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

  /** The keys in the order SkillMeat writes them; a null value removes the key. */
  LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("artifact_name", name);
    f.put("artifact_type", type.id());
    f.put("from_collection", fromCollection);
    f.put("deployed_at", deployedAt);
    f.put("artifact_path", artifactPath);
    f.put("content_hash", contentHash);
    for (String key : DEPLOY_KEYS) {
      f.put(key, skillMeatKeys.get(key));
    }
    return f;
  }
}
