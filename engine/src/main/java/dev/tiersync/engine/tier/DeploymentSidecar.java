package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * One artifact's record in a project's {@code .claude/.tiersync-deployed.toml}: the base of the
 * collection→project edge as tiersync knows it, beside the SkillMeat record of {@code
 * .skillmeat-deployed.toml} that holds only SkillMeat's hash of it.
 *
 * @param baseHash tiersync's content hash (SPEC section 2) of the edge's base, a version in the
 *     history store
 * @param skillMeatHash the {@code content_hash} written with it into {@code
 *     .skillmeat-deployed.toml}; when that file holds another, SkillMeat has deployed since and
 *     {@code baseHash} is stale
 */
public record DeploymentSidecar(ArtifactId id, String baseHash, String skillMeatHash) {
  /** The sidecar's file name in the project's {@code .claude/}. */
  public static final String FILE = ".tiersync-deployed.toml";

  static final SidecarFile.Codec<DeploymentSidecar> CODEC =
      new SidecarFile.Codec<>(
          "deployed", DeploymentSidecar::read, DeploymentSidecar::id, DeploymentSidecar::fields);

  public DeploymentSidecar {
    TierValues.required(id, "id");
    TierValues.required(baseHash, "base_hash");
    TierValues.required(skillMeatHash, "skillmeat_hash");
  }

  /** Reads the sidecar file; a missing file has no records. */
  public static SidecarFile<DeploymentSidecar> load(Path file) throws IOException {
    return SidecarFile.load(file, CODEC);
  }

  /** Parses the sidecar file from the bytes of {@code file}, read by the caller. */
  public static SidecarFile<DeploymentSidecar> parse(Path file, byte[] bytes) {
    return SidecarFile.parse(file, bytes, CODEC);
  }

  /** Whether this record was written together with the SkillMeat record that holds this hash. */
  public boolean matches(DeployedArtifact deployed) {
    return deployed != null && skillMeatHash.equals(deployed.contentHash());
  }

  private static DeploymentSidecar read(ArtifactId id, Config t) {
    return new DeploymentSidecar(
        id, SidecarFile.hash(t, "base_hash"), SidecarFile.hash(t, "skillmeat_hash"));
  }

  private LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("base_hash", baseHash);
    f.put("skillmeat_hash", skillMeatHash);
    return f;
  }
}
