package dev.tiersync.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tiersync collection}: the collection lifecycle (docs/api.md, "Collections"), one
 * subcommand per route. Every one that changes a tier plans first ({@link DryRunFirst}).
 */
@Command(
    name = "collection",
    header = "Create a collection, browse an upstream, add, pin, bump and remove artifacts.",
    description = {
      "Manages collections: create one, list what an upstream Git repository holds, add its "
          + "artifacts, pin or bump them to a ref, remove them. Each change is planned first (a "
          + "dry run); --apply applies it.",
      DryRunFirst.EXIT_CODES
    },
    subcommands = {
      CollectionCreateCommand.class,
      CollectionBrowseCommand.class,
      CollectionAddCommand.class,
      CollectionPinCommand.class,
      CollectionBumpCommand.class,
      CollectionRemoveCommand.class
    })
final class CollectionCommand implements Runnable {
  @ParentCommand Tiersync root;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a collection command is required (create, browse, add, pin, bump, remove)");
  }
}
