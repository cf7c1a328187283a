package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync undeploy ID... -p PROJECT}: {@code POST /api/v1/sync/undeploy}, planned first.
 */
@Command(
    name = "undeploy",
    header = "Remove artifacts from a project; with --apply.",
    description = {
      "Plans removing each artifact's folder or file from the project with its tracking and "
          + "sidecar entries; with --apply, removes them. A copy with local edits, or one "
          + "tiersync cannot trace to a deploy, is skipped unless --force (the discarded copy "
          + "stays in the history store).",
      DryRunFirst.EXIT_CODES
    })
final class UndeployCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "The artifacts (type:name).")
  List<String> artifactIds;

  @Option(names = "--force", description = "Remove copies with local edits too.")
  boolean force;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    ObjectNode body = scope.projectJobRequest(artifactIds);
    body.put("force", force);
    return new DryRunFirst(root)
        .run(
            dryRun -> root.api().post("/api/v1/sync/undeploy", body.put("dry_run", dryRun)), apply);
  }
}
