package dev.tiersync.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tiersync collection add URL PATH...}: {@code POST /api/v1/collections/{name}/artifacts},
 * one artifact ({@code path}, {@code type}, {@code name}) or several ({@code artifacts[]}).
 */
@Command(
    name = "add",
    header = "Add artifacts from an upstream Git repository; with --apply.",
    description = {
      "Plans adding the artifacts at PATH... of the repository at URL (as 'collection browse' "
          + "lists them) to the collection, following --ref (default: the default branch, "
          + "written as version_spec \"latest\"); with --apply, writes their entries and files.",
      DryRunFirst.EXIT_CODES
    })
final class CollectionAddCommand implements Callable<Integer> {
  /** The artifact types. */
  static final class Types extends ArrayList<String> {
    Types() {
      super(List.of("skill", "command", "agent", "hook", "mcp"));
    }
  }

  @ParentCommand CollectionCommand parent;

  @Spec CommandSpec spec;

  @Mixin CollectionOption collection;

  @Parameters(index = "0", paramLabel = "URL", description = "The upstream Git repository.")
  String url;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "PATH",
      description = "Artifact paths inside the repository, e.g. skills/code-review.")
  List<String> paths;

  @Option(
      names = "--ref",
      paramLabel = "REF",
      description = "The branch, tag or commit to follow (default: the default branch).")
  String ref;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      completionCandidates = Types.class,
      description = "With one PATH: its type, ${COMPLETION-CANDIDATES} (default: from the path).")
  String type;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "With one PATH: its name (default: from the path).")
  String name;

  @Mixin ApplyOptions apply;

  @Override
  public Integer call() {
    if (paths.size() > 1 && (type != null || name != null)) {
      throw new ParameterException(
          spec.commandLine(), "--type and --name name one artifact: give them with one PATH");
    }
    ObjectNode body = Json.object().put("upstream", url);
    Json.putIfSet(body, "ref", ref);
    if (paths.size() == 1) {
      body.put("path", paths.get(0));
      Json.putIfSet(body, "type", type);
      Json.putIfSet(body, "name", name);
    } else {
      ArrayNode artifacts = body.putArray("artifacts");
      paths.forEach(path -> artifacts.addObject().put("path", path));
    }
    Tiersync root = parent.root;
    String route = collection.path("/artifacts");
    return new DryRunFirst(root)
        .run(dryRun -> root.api().post(route, body.put("dry_run", dryRun)), apply);
  }
}
