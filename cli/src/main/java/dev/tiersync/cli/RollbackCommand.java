package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync rollback ID TO_HASH [--tier project -p PROJECT]}: {@code POST
 * /api/v1/artifacts/{id}/rollback}, planned first.
 */
@Command(
    name = "rollback",
    header = "Roll a tier's copy of an artifact back to an earlier version; with --apply.",
    description = {
      "Plans writing the version TO_HASH (any hash of the artifact's history: tiersync history "
          + "ID lists them, as does the UI's History timeline) back into the "
          + "collection, or with --tier project into the project -p names; with --apply, writes "
          + "it. The edge's merge base stays, so later syncs merge into the rollback instead of "
          + "undoing it. A rollback of the collection also holds the artifact (--no-hold: not).",
      DryRunFirst.EXIT_CODES
    })
final class RollbackCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(index = "0", paramLabel = "ID", description = "The artifact (type:name).")
  String artifactId;

  @Parameters(
      index = "1",
      paramLabel = "TO_HASH",
      description =
          "The content hash of the version to write back: 64 hex digits, or the first 7 or more"
              + " of one version of the artifact's history.")
  String toHash;

  @Option(
      names = "--tier",
      paramLabel = "TIER",
      description = "collection (default) or project (then -p is required).")
  String tier = "collection";

  @Option(
      names = "--no-hold",
      description = "Do not hold the artifact after rolling the collection back.")
  boolean noHold;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    ObjectNode body =
        "project".equals(tier) ? scope.projectJobRequest(null) : scope.jobRequest(null);
    body.put("tier", tier).put("to_hash", HistoryCommand.resolve(root.api(), artifactId, scope, toHash));
    if (noHold) {
      body.put("hold", false);
    }
    String route = "/api/v1/artifacts/" + ApiClient.segment(artifactId) + "/rollback";
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post(route, body.put("dry_run", dryRun)), apply);
  }
}
