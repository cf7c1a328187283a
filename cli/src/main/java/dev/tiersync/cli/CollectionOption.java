package dev.tiersync.cli;

import picocli.CommandLine.Option;

/** {@code -c/--collection}: the collection a command works on (the API's {@code collection}). */
final class CollectionOption {
  /** The server's default collection, which routes with the name in their path need spelt out. */
  static final String DEFAULT = "default";

  @Option(
      names = {"-c", "--collection"},
      paramLabel = "NAME",
      description = "The collection (default: the server's default collection).")
  String collection;

  /** The collection's name, {@value #DEFAULT} when none was given. */
  String name() {
    return collection == null ? DEFAULT : collection;
  }

  /** {@code /api/v1/collections/<name>} with the name percent-encoded, then {@code rest}. */
  String path(String rest) {
    return "/api/v1/collections/" + ApiClient.segment(name()) + rest;
  }
}
