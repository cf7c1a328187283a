package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tiersync patch}: exports the project's versions of artifacts as a patch bundle for their
 * upstream ({@code POST /api/v1/sync/patch}), follows the job, downloads the bundle, checks its
 * sha256 against the server's and prints the pull-request link. tiersync never pushes.
 */
@Command(
    name = "patch",
    header = "Export the project's versions as a patch bundle for upstream.",
    description = {
      "Exports the project's versions of artifacts as a patch bundle for their upstream, "
          + "downloads it, checks its sha256 and prints the pull-request link. Nothing is pushed.",
      "Exit: 0 bundle saved and applies cleanly to the upstream head, 1 it conflicts there, 2 "
          + "error, 3 bad input or server error."
    })
final class PatchCommand implements Callable<Integer> {
  @ParentCommand Tiersync root;

  @Mixin ScopeOptions scope;

  @Parameters(paramLabel = "ARTIFACT", arity = "1..*", description = "The artifacts (type:name).")
  List<String> artifactIds;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "tar.gz or zip (default: the server's SYNC_PATCH_EXPORT).")
  String format;

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "Where to save the bundle: a file, or a folder (default: the current folder).")
  Path out;

  @Override
  public Integer call() {
    if (!scope.hasProject()) {
      throw CliException.usage("patch exports the project's versions: --project is required");
    }
    ObjectNode body = scope.jobRequest(artifactIds);
    Json.putIfSet(body, "format", format);
    JobRunner runner = new JobRunner(root);
    JobFollower.Followed run = runner.start("/api/v1/sync/patch", body);
    JsonNode job = run.job();
    JsonNode result = job.path("result");
    if (run.interrupted() || !"success".equals(Json.text(job, "state")) || !result.isObject()) {
      return runner.finish(run);
    }
    Path target = target(Json.text(job, "job_id"), Json.text(result, "format"));
    ApiClient.Download saved = root.api().download(Json.text(result, "download_url"), target);
    String expected = Json.text(result, "sha256");
    if (expected != null && !expected.equalsIgnoreCase(saved.sha256())) {
      throw new CliException(
          ExitCodes.JOB_ERROR,
          "the bundle saved to "
              + target
              + " has sha256 "
              + saved.sha256()
              + ", the server announced "
              + expected
              + ": download it again");
    }
    if (root.json()) {
      ((ObjectNode) job).put("bundle_file", saved.file().toAbsolutePath().toString());
      Json.print(root.terminal().out(), job);
    } else {
      print(job, saved, root.style(), root.terminal().out());
    }
    return "conflict".equals(Json.text(result, "trial_apply"))
        ? ExitCodes.JOB_CONFLICT
        : ExitCodes.OK;
  }

  private Path target(String jobId, String bundleFormat) {
    String name =
        "tiersync-patch-" + jobId + "." + (bundleFormat == null ? "tar.gz" : bundleFormat);
    if (out == null) {
      return Path.of(name).toAbsolutePath();
    }
    return Files.isDirectory(out) ? out.resolve(name).toAbsolutePath() : out.toAbsolutePath();
  }

  static void print(JsonNode job, ApiClient.Download saved, Style style, PrintStream out) {
    JsonNode result = job.path("result");
    out.println(Json.text(job, "job_id") + " " + style.label(Json.text(job, "state")));
    out.println("bundle:       " + saved.file() + " (" + saved.size() + " bytes)");
    out.println("sha256:       " + saved.sha256() + " (matches the server's)");
    String trial = Json.text(result, "trial_apply");
    out.println(
        "trial apply:  "
            + style.label(trial == null ? "unknown" : trial)
            + " (against the upstream head)");
    String pr = Json.text(result, "github_pr_url");
    String branch = Json.text(result, "suggested_branch");
    if (pr != null) {
      out.println("pull request: " + pr);
    } else {
      out.println("pull request: none (the upstream is not on GitHub)");
    }
    if (branch != null) {
      out.println("branch:       " + branch);
    }
    out.flush();
  }
}
