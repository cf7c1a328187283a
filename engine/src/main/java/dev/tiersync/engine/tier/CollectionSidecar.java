package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * One artifact's record in a collection's {@code .tiersync/collection.toml}: what tiersync last
 * wrote to the collection for it, and what SkillMeat drops from {@code collection.toml} on its
 * next rewrite.
 *
 * @param contentHash tiersync's content hash (SPEC section 2) of the collection copy it wrote
 * @param skillMeatHash the SkillMeat hash written with it into {@code collection.lock}; when the
 *     lock holds another, SkillMeat has changed the artifact since and {@code contentHash} is stale
 * @param upstream the {@code upstream} of {@code collection.toml} that {@code upstreamPath} belongs
 *     to; null when the artifact has none
 * @param upstreamPath the artifact's path in a repository that is not on GitHub (SPEC section 1's
 *     {@code upstream_path}, which SkillMeat does not keep); null when not needed
 */
public record CollectionSidecar(
    ArtifactId id, String contentHash, String skillMeatHash, String upstream, String upstreamPath) {
  /** The sidecar's folder in the collection; not under an artifact folder SkillMeat scans. */
  public static final String DIR = ".tiersync";

  /** The sidecar's file name in {@link #DIR}. */
  public static final String FILE = "collection.toml";

  static final SidecarFile.Codec<CollectionSidecar> CODEC =
      new SidecarFile.Codec<>(
          "artifacts", CollectionSidecar::read, CollectionSidecar::id, CollectionSidecar::fields);

  public CollectionSidecar {
    TierValues.required(id, "id");
    TierValues.required(contentHash, "content_hash");
    TierValues.required(skillMeatHash, "skillmeat_hash");
    upstreamPath =
        upstreamPath == null ? null : TierValues.relativePath(upstreamPath, "upstream_path");
  }

  /** Reads the sidecar file; a missing file has no records. */
  public static SidecarFile<CollectionSidecar> load(Path file) throws IOException {
    return SidecarFile.load(file, CODEC);
  }

  /** Parses the sidecar file from the bytes of {@code file}, read by the caller. */
  public static SidecarFile<CollectionSidecar> parse(Path file, byte[] bytes) {
    return SidecarFile.parse(file, bytes, CODEC);
  }

  /**
   * The policy copies of the same file ({@link SidecarPolicy}): changes to them are written by the
   * sidecar's {@link SidecarFile#save}.
   */
  public static SidecarFile<SidecarPolicy> policies(SidecarFile<CollectionSidecar> sidecar) {
    return sidecar.table(SidecarPolicy.CODEC);
  }

  private static CollectionSidecar read(ArtifactId id, Config t) {
    return new CollectionSidecar(
        id,
        SidecarFile.hash(t, "content_hash"),
        SidecarFile.hash(t, "skillmeat_hash"),
        TomlValues.string(t, "upstream"),
        TomlValues.string(t, "upstream_path"));
  }

  private LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("content_hash", contentHash);
    f.put("skillmeat_hash", skillMeatHash);
    f.put("upstream", upstream);
    f.put("upstream_path", upstreamPath);
    return f;
  }
}
