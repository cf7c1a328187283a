package dev.tiersync.app.artifacts;

import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real tier folders for the read API tests, made before the app starts: a data directory, the
 * collections root with a {@code default} collection, an allowed project root holding one project,
 * and a bare upstream repository.
 */
final class TierFolders {
  static final Instant ADDED = Instant.parse("2026-11-01T10:00:00Z");

  final Path root;
  final Path home;
  final Path collections;
  final Path collection;
  final Path projects;
  final Path project;
  final UpstreamGit upstream;

  TierFolders() {
    try {
      home = TestDataHome.newHome();
      root = home.getParent();
      collections = root.resolve("collections");
      collection = Files.createDirectories(collections.resolve("default"));
      projects = root.resolve("projects");
      project = Files.createDirectories(projects.resolve("app").resolve(".claude")).getParent();
      upstream = new UpstreamGit(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment variables a user would set, pointing the app at these folders. */
  void register(DynamicPropertyRegistry registry) {
    registry.add("TIERSYNC_HOME", home::toString);
    registry.add("TIERSYNC_COLLECTIONS", collections::toString);
    registry.add("TIERSYNC_PROJECT_ROOTS", projects::toString);
  }

  /** Writes collection.toml, with the engine's own writer, listing these artifacts. */
  void manifest(ManifestArtifact... artifacts) throws IOException {
    CollectionManifest manifest = CollectionManifest.create("default", ADDED);
    for (ManifestArtifact a : artifacts) {
      manifest.upsert(a);
    }
    manifest.save(collection.resolve(CollectionLayout.MANIFEST_FILE));
  }

  /** A skill that follows this upstream's {@code main} at {@code skills/<name>}. */
  ManifestArtifact upstreamSkill(String name) {
    return upstreamSkill(name, upstream.url());
  }

  static ManifestArtifact upstreamSkill(String name, String url) {
    return new ManifestArtifact(
        name,
        ArtifactType.SKILL,
        null,
        ManifestArtifact.Origin.GIT,
        url,
        "skills/" + name,
        "main",
        null,
        null,
        ADDED,
        null,
        null);
  }

  static ManifestArtifact local(String id) {
    return ManifestArtifact.local(ArtifactId.parse(id), ADDED);
  }

  Path inCollection(String relative) {
    return collection.resolve(relative);
  }

  Path inProject(String relative) {
    return project.resolve(".claude").resolve(relative);
  }

  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** The version on disk at {@code path}, read as tiersync reads it. */
  static ArtifactTree read(Path path) throws IOException {
    return new DiskTreeReader(new HashCache()).read(path).orElseThrow();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
