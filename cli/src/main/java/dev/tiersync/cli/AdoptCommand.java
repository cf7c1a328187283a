package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync adopt ID... -p PROJECT}: {@code POST /api/v1/collections/{name}/adopt}, a
 * project-to-collection sync of artifacts only the project has, planned first.
 */
@Command(
    name = "adopt",
    header = "Take artifacts only a project has into the collection; with --apply.",
    description = {
      "Plans taking artifacts that exist only in the project (hand-made or copied) into the "
          + "collection, tracked from then on; with --apply, adopts them (a project -> "
          + "collection sync).",
      DryRunFirst.EXIT_CODES
    })
final class AdoptCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "The artifacts (type:name).")
  List<String> artifactIds;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    ObjectNode body = scope.projectJobRequest(artifactIds);
    // The collection is in the path; the body names only the project and the artifacts.
    body.remove("collection");
    String route = scope.collection.path("/adopt");
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post(route, body.put("dry_run", dryRun)), apply);
  }
}
