package dev.tiersync.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync collection remove ID}: {@code DELETE /api/v1/collections/{name}/artifacts/{id}}.
 */
@Command(
    name = "remove",
    header = "Remove an artifact from a collection; with --apply.",
    description = {
      "Plans taking the artifact out of the collection: its files and its collection.toml, "
          + "collection.lock and sidecar entries (removed versions stay in the history store; "
          + "project copies are left alone); with --apply, removes it.",
      DryRunFirst.EXIT_CODES
    })
final class CollectionRemoveCommand implements Callable<Integer> {
  @ParentCommand CollectionCommand parent;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    Tiersync root = parent.root;
    String route = collection.path("/artifacts/" + ApiClient.segment(artifactId));
    return new DryRunFirst(root)
        .run(dryRun -> root.api().delete(route + "?dry_run=" + dryRun), apply);
  }
}
