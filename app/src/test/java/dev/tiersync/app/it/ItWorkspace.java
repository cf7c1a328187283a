package dev.tiersync.app.it;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real tiers on disk for integration tests: a bare upstream Git repository (made with the git
 * binary, reached by a file:// URL), a collection listing one skill from it, and a project.
 */
final class ItWorkspace {
  final Path root;
  final Path upstreamWork;
  final Path upstreamBare;
  final Path collections;
  final Path collection;
  final Path project;
  final Path home;

  ItWorkspace(Path root) throws Exception {
    this.root = root;
    upstreamWork = root.resolve("upstream-work");
    upstreamBare = root.resolve("upstream.git");
    collections = root.resolve("collections");
    collection = collections.resolve("default");
    project = root.resolve("projects/app");
    home = root.resolve("home");
    Files.createDirectories(upstreamWork);
    Files.createDirectories(collection);
    Files.createDirectories(project.resolve(".claude"));
    git(upstreamWork, "init", "-q", "-b", "main");
    writeUpstream("README.md", "team skills\n");
    commitUpstream("initial");
    git(root, "clone", "-q", "--bare", upstreamWork.toString(), upstreamBare.toString());
    Files.writeString(
        collection.resolve("collection.toml"),
        """
        [collection]
        name = "default"
        version = "1.0.0"
        created = "2026-11-01T10:00:00"
        updated = "2026-11-01T10:00:00"
        """);
  }

  /** Commits a skill upstream and lists it in collection.toml (its files not fetched yet). */
  void addUpstreamSkill(String name, String skillMd) throws Exception {
    writeUpstream("skills/" + name + "/SKILL.md", skillMd);
    commitUpstream("add " + name);
    listSkill(name, "file://" + upstreamBare);
  }

  /** A project folder of its own under the allowed project root. */
  Path newProject(String name) throws IOException {
    Path p = root.resolve("projects").resolve(name);
    Files.createDirectories(p.resolve(".claude"));
    return p;
  }

  Map<String, String> env() {
    return Map.of(
        "TIERSYNC_HOME", home.toString(),
        "TIERSYNC_COLLECTIONS", collections.toString(),
        "TIERSYNC_PROJECT_ROOTS", root.resolve("projects").toString(),
        "TIERSYNC_API_TOKENS", dev.tiersync.app.TestDataHome.API_TOKEN);
  }

  synchronized void listSkill(String name, String upstreamUrl) throws IOException {
    Files.writeString(
        collection.resolve("collection.toml"),
        """

        [[artifacts]]
        name = "%s"
        type = "skill"
        path = "skills/%s"
        origin = "local"
        upstream = "%s"
        upstream_path = "skills/%s"
        version_spec = "main"
        added = "2026-11-01T10:00:00"
        """
            .formatted(name, name, upstreamUrl, name),
        java.nio.file.StandardOpenOption.APPEND);
  }

  void writeUpstream(String path, String content) throws IOException {
    Path p = upstreamWork.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  void commitUpstream(String message) throws Exception {
    git(upstreamWork, "add", "-A");
    git(upstreamWork, "-c", "user.name=it", "-c", "user.email=it@example.com", "commit", "-q", "-m", message);
    if (Files.exists(upstreamBare)) {
      git(upstreamWork, "push", "-q", upstreamBare.toString(), "main");
    }
  }

  Path collectionSkill(String name) {
    return collection.resolve("skills").resolve(name);
  }

  Path projectSkill(String name) {
    return project.resolve(".claude/skills").resolve(name);
  }

  /** Content hash of a folder (null when absent). */
  static String hash(Path p) throws IOException {
    return new DiskTreeReader(new HashCache()).read(p).map(ArtifactTree::contentHash).orElse(null);
  }

  /** Hash of everything in the collection and project, to prove a dry run wrote nothing. */
  String fingerprint() throws IOException {
    return hash(collection) + "/" + hash(project);
  }

  static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    run(dir, cmd.toArray(String[]::new));
  }

  /** Runs a command in {@code dir}, failing with its output when it exits non-zero. */
  static void run(Path dir, String... command) throws Exception {
    List<String> cmd = List.of(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
