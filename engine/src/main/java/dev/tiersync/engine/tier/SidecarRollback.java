package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * The last rollback of an artifact in a tier, in that tier's sidecar ({@code [rollbacks."<type>:
 * <name>"]} of the collection's {@code .tiersync/collection.toml} or the project's {@code
 * .claude/.tiersync-deployed.toml}). SkillMeat never reads it; it is kept after the tier moves on
 * (readers compare {@link RolledBack#toHash()} with what the tier holds).
 */
public record SidecarRollback(ArtifactId id, RolledBack rollback) {
  static final SidecarFile.Codec<SidecarRollback> CODEC =
      new SidecarFile.Codec<>(
          "rollbacks", SidecarRollback::read, SidecarRollback::id, SidecarRollback::fields);

  public SidecarRollback {
    TierValues.required(id, "id");
    TierValues.required(rollback, "rollback");
  }

  /**
   * The rollback records of a tier's sidecar ({@link CollectionSidecar} or {@link
   * DeploymentSidecar}), read from the same document: changes to them are written by that
   * sidecar's {@link SidecarFile#save}.
   */
  public static SidecarFile<SidecarRollback> of(SidecarFile<?> sidecar) {
    return sidecar.table(CODEC);
  }

  /**
   * Records this rollback in the tier's sidecar, replacing the artifact's earlier record: under
   * the tier's {@link TierWriteLock}, on the file as it is under it, written atomically. The
   * sidecar's other tables are kept as they are.
   *
   * @param tierDir the folder whose writer lock guards the sidecar (the collection's root, the
   *     project's {@code .claude/})
   */
  public void save(Path tierDir, Path sidecarFile) throws IOException {
    TierWriteLock.run(
        tierDir,
        () -> {
          AtomicFiles.removeStaleTemps(sidecarFile);
          SidecarFile<SidecarRollback> file = SidecarFile.load(sidecarFile, CODEC);
          file.upsert(this);
          file.save(sidecarFile);
        });
  }

  private static SidecarRollback read(ArtifactId id, Config t) {
    String from = TomlValues.string(t, "from_hash");
    return new SidecarRollback(
        id,
        new RolledBack(
            from == null ? null : SidecarFile.hash(t, "from_hash"),
            SidecarFile.hash(t, "to_hash"),
            TierValues.required(TomlValues.instant(t, "at"), "at"),
            TomlValues.string(t, "job_id")));
  }

  private LinkedHashMap<String, Object> fields() {
    LinkedHashMap<String, Object> f = new LinkedHashMap<>();
    f.put("from_hash", rollback.fromHash());
    f.put("to_hash", rollback.toHash());
    f.put("at", rollback.at());
    f.put("job_id", rollback.jobId());
    return f;
  }
}
