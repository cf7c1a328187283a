package dev.tiersync.engine.fleet;

import dev.tiersync.engine.status.EdgeStatus;
import java.nio.file.Path;

/**
 * One artifact in one project: the collection→project edge.
 *
 * @param collectionToProject null when neither the collection nor the project has the artifact,
 *     or when {@code error} is set
 * @param error why the edge cannot be judged (a bad entry of the artifact in the project's
 *     tracking file, a tracking file that cannot be read), or null
 */
public record FleetCell(Path project, EdgeStatus collectionToProject, String error) {}
