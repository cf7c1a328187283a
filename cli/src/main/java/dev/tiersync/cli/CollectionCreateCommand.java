package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync collection create NAME}: {@code POST /api/v1/collections}, planned first. */
@Command(
    name = "create",
    header = "Create a collection (as skillmeat init lays it out); with --apply.",
    description = {
      "Plans a new collection <TIERSYNC_COLLECTIONS>/NAME/ with collection.toml and "
          + "collection.lock; with --apply, creates it.",
      DryRunFirst.EXIT_CODES
    })
final class CollectionCreateCommand implements Callable<Integer> {
  @ParentCommand CollectionCommand parent;

  @Parameters(index = "0", paramLabel = "NAME", description = "The new collection's name.")
  String name;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    Tiersync root = parent.root;
    ObjectNode body = Json.object().put("name", name);
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post("/api/v1/collections", body.put("dry_run", dryRun)), apply);
  }
}
