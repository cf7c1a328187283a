package dev.tiersync.cli;

import picocli.CommandLine.Option;

/** {@code --apply} and {@code --yes}: the consent of every command that plans a job first. */
final class ApplyOptions {
  @Option(names = "--apply", description = "Apply the plan after showing it.")
  boolean apply;

  @Option(
      names = {"-y", "--yes"},
      description = "Apply without asking (scripts).")
  boolean yes;
}
