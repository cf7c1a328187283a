package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync hold ID}: holds an artifact, so that the drift watch never updates it. */
@Command(
    name = "hold",
    header = "Hold an artifact: the drift watch never updates it.",
    description = {
      "Writes hold = true (with --reason and --until) to the artifact's collection.toml entry at "
          + "once (no job) and prints its policy. The watch still reports the artifact's drift, "
          + "saying it is held; a sync you start still updates it. A hold with --until stops "
          + "applying at that time. Auto-update is left as it is.",
      Policies.EXIT_CODES
    })
final class HoldCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why (at most 500 characters).")
  String reason;

  @Option(
      names = "--until",
      paramLabel = "ISO",
      description = "When the hold stops applying, e.g. 2026-12-31T00:00:00Z (in the future).")
  String until;

  @Override
  public Integer call() {
    ObjectNode body = Json.object();
    ObjectNode hold = body.putObject("hold");
    Json.putIfSet(hold, "reason", reason);
    Json.putIfSet(hold, "until", until);
    return Policies.put(root, collection, artifactId, body);
  }
}
