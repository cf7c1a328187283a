package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync sync}: a dry run first, whose plan is printed; with {@code --apply} (and a yes on
 * a terminal, or {@code --yes}) the same request is then run for real and followed to its end.
 */
@Command(
    name = "sync",
    header = "Plan a sync along one edge; apply it with --apply.",
    description = {
      "Plans a sync along one edge and prints the plan (a dry run: nothing is written). With "
          + "--apply, then applies it, following the job (asks first on a terminal unless --yes).",
      DryRunFirst.EXIT_CODES
    })
final class SyncCommand implements Callable<Integer> {
  /** The directions a sync job takes. */
  static final class Directions extends ArrayList<String> {
    Directions() {
      super(List.of("upstream_to_collection", "collection_to_project", "project_to_collection"));
    }
  }

  /** The merge strategies. */
  static final class Strategies extends ArrayList<String> {
    Strategies() {
      super(List.of("auto", "ours", "theirs"));
    }
  }

  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Option(
      names = {"-d", "--direction"},
      required = true,
      paramLabel = "DIRECTION",
      completionCandidates = Directions.class,
      description = "${COMPLETION-CANDIDATES}.")
  String direction;

  @Parameters(
      paramLabel = "ARTIFACT",
      arity = "0..*",
      description = "The artifacts (type:name); none: every artifact of the collection.")
  List<String> artifactIds;

  @Mixin ApplyOptions apply;

  @Option(
      names = "--strategy",
      paramLabel = "STRATEGY",
      completionCandidates = Strategies.class,
      description = "How both-sides changes merge: ${COMPLETION-CANDIDATES} (default auto).")
  String strategy;

  @Override
  public Integer call() {
    ObjectNode body = scope.syncRequest(artifactIds);
    body.put("direction", direction);
    Json.putIfSet(body, "strategy", strategy);
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post("/api/v1/sync/jobs", body.put("dry_run", dryRun)), apply);
  }
}
