package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tiersync auto-update ID clean|off}: whether the drift watch updates the artifact. */
@Command(
    name = "auto-update",
    header = "Let the drift watch update an artifact from upstream (clean) or not (off).",
    description = {
      "clean: when the watch finds the artifact behind its upstream and not held, it runs the "
          + "upstream -> collection sync itself, and leaves the artifact alone when the sync "
          + "would conflict. off (the default): the watch only reports. Written at once (no "
          + "job); prints the artifact's policy. A hold is left as it is.",
      Policies.EXIT_CODES
    })
final class AutoUpdateCommand implements Callable<Integer> {
  /** The values the API takes. */
  enum Mode {
    clean,
    off
  }

  @ParentCommand Tiersync root;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Parameters(index = "1", paramLabel = "MODE", description = "clean or off.")
  Mode mode;

  @Override
  public Integer call() {
    ObjectNode body = Json.object().put("auto_update", mode.name());
    return Policies.put(root, collection, artifactId, body);
  }
}
