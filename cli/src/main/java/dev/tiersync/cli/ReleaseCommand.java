package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync release ID}: releases an artifact's hold. */
@Command(
    name = "release",
    header = "Release an artifact's hold.",
    description = {
      "Removes hold, hold_reason and hold_until from the artifact's collection.toml entry at "
          + "once (no job) and prints its policy. Auto-update is left as it is.",
      Policies.EXIT_CODES
    })
final class ReleaseCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Override
  public Integer call() {
    ObjectNode body = Json.object();
    body.putNull("hold");
    return Policies.put(root, collection, artifactId, body);
  }
}
