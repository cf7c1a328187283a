package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync collection pin ID VERSION_SPEC}: {@code PATCH
 * /api/v1/collections/{name}/artifacts/{id}}, the one route the CLI sends through {@link
 * HttpPatch}.
 */
@Command(
    name = "pin",
    header = "Pin an artifact to a branch, tag or commit; with --apply.",
    description = {
      "Plans the upstream -> collection update of the artifact to VERSION_SPEC (a branch, tag, "
          + "commit or latest: the default branch); with --apply, writes version_spec and the "
          + "update (a conflicting update writes markers, as a sync does: read the plan first).",
      DryRunFirst.EXIT_CODES
    })
final class CollectionPinCommand implements Callable<Integer> {
  @ParentCommand CollectionCommand parent;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Parameters(
      index = "1",
      paramLabel = "VERSION_SPEC",
      description = "A branch, tag, commit, or latest.")
  String versionSpec;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    Tiersync root = parent.root;
    ObjectNode body = Json.object().put("version_spec", versionSpec);
    String route = collection.path("/artifacts/" + ApiClient.segment(artifactId));
    return new DryRunFirst(root)
        .run(dryRun -> root.api().patch(route, body.put("dry_run", dryRun)), apply);
  }
}
