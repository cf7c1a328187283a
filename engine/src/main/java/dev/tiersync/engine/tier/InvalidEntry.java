package dev.tiersync.engine.tier;

import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;

/**
 * An entry of a tier file that breaks a rule (a name or path that leaves its root, a value of the
 * wrong type, a second entry for the same artifact, ...). The file is still read: the entry is
 * kept in it exactly as written, is never used, and rewrites of the file leave it untouched. The
 * artifact it names, when a valid id can be read from it, is reported as in error rather than
 * synced.
 *
 * @param file the tier file, or null for a document that was not read from a file
 * @param field the TOML path of the bad key or entry, e.g. {@code artifacts[3].path} or {@code
 *     deployed[0]}
 * @param line the 1-based line where the entry starts, or null when unknown (an inline table)
 * @param artifactId the artifact the entry names, or null when no valid id can be read from it
 * @param reason the rule the entry breaks
 */
public record InvalidEntry(
    Path file, String field, Integer line, ArtifactId artifactId, String reason) {

  /** {@code <file name>[:<line>]: <field>: <reason>}, for a listing or a job log. */
  public String message() {
    String name = file == null ? "" : file.getFileName() + (line == null ? "" : ":" + line) + ": ";
    return name + (field == null ? "" : field + ": ") + reason;
  }
}
