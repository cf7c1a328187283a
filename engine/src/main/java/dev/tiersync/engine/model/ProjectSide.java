package dev.tiersync.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a project on another host holds of one artifact, as its agent read it (docs/agents.md): the
 * project's version by content hash (uploaded to the server's history store) and the records of
 * its tracking files the collection→project base is found from. The server plans the sync from
 * this and the collection it reads itself, never from the project's files.
 *
 * @param artifactId the artifact's {@code type:name}
 * @param projectHash the project's version, or null when the project lacks the artifact
 * @param deployedHash the {@code content_hash} of the artifact's entry in the project's {@code
 *     .skillmeat-deployed.toml} (a SkillMeat or an older tiersync hash), or null when not deployed
 * @param recordedBaseHash tiersync's record of the base beside it ({@code .tiersync-deployed.toml})
 *     while it was written with that entry, else null
 * @param projectSkillMeatHash SkillMeat's hash of the project's copy when it has one and a
 *     deployment names a hash (the base may be the unedited copy), else null
 * @param error why the artifact cannot be synced (an entry of it in a tracking file breaks a rule,
 *     named with file and line), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectSide(
    String artifactId,
    String projectHash,
    String deployedHash,
    String recordedBaseHash,
    String projectSkillMeatHash,
    String error) {

  /** An artifact whose project records break a rule. */
  public static ProjectSide failed(String artifactId, String error) {
    return new ProjectSide(artifactId, null, null, null, null, error);
  }
}
