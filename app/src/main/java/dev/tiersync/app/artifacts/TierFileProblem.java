package dev.tiersync.app.artifacts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.engine.tier.InvalidEntry;

/**
 * One entry of a tier file that breaks a rule, as the read API reports it in {@code errors[]}.
 *
 * @param file the tier file's absolute path
 * @param line the 1-based line of the entry's {@code [[...]]} header, or null when unknown
 * @param key the TOML key path at fault, e.g. {@code artifacts[3].path}
 * @param artifactId the artifact the entry names ({@code type:name}), or null when it names no
 *     valid artifact (then the entry is only reported here)
 * @param reason the rule the entry breaks
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TierFileProblem(
    String file, Integer line, String key, String artifactId, String reason) {

  static TierFileProblem of(InvalidEntry e) {
    return new TierFileProblem(
        e.file() == null ? null : e.file().toString(),
        e.line(),
        e.field(),
        e.artifactId() == null ? null : e.artifactId().toString(),
        e.reason());
  }
}
