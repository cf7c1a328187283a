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
public final class TierFolders {
  public static final Instant ADDED = Instant.parse("2026-11-01T10:00:00Z");

  public final Path root;
  public final Path home;
  public final Path collections;
  public final Path collection;
  public final Path projects;
  public final Path project;
  public final UpstreamGit upstream;

  public TierFolders() {
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
  public void register(DynamicPropertyRegistry registry) {
    registry.add("TIERSYNC_HOME", home::toString);
    registry.add("TIERSYNC_COLLECTIONS", collections::toString);
    registry.add("TIERSYNC_PROJECT_ROOTS", projects::toString);
    registry.add("TIERSYNC_API_TOKENS", () -> dev.tiersync.app.TestDataHome.API_TOKEN);
  }

  /** Writes collection.toml, with the engine's own writer, listing these artifacts. */
  public void manifest(ManifestArtifact... artifacts) throws IOException {
    CollectionManifest manifest = CollectionManifest.create("default", ADDED);
    for (ManifestArtifact a : artifacts) {
      manifest.upsert(a);
    }
    manifest.save(collection.resolve(CollectionLayout.MANIFEST_FILE));
  }

  /** A skill that follows this upstream's {@code main} at {@code skills/<name>}. */
  public ManifestArtifact upstreamSkill(String name) {
    return upstreamSkill(name, upstream.url());
  }

  public static ManifestArtifact upstreamSkill(String name, String url) {
    return new ManifestArtifact(
        name,
        ArtifactType.SKILL,
        null,
        ManifestArtifact.Origin.LOCAL,
        url,
        "skills/" + name,
        "main",
        null,
        null,
        ADDED,
        null,
        null);
  }

  public static ManifestArtifact local(String id) {
    return ManifestArtifact.local(ArtifactId.parse(id), ADDED);
  }

  public Path inCollection(String relative) {
    return collection.resolve(relative);
  }

  public Path inProject(String relative) {
    return project.resolve(".claude").resolve(relative);
  }

  public static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** The version on disk at {@code path}, read as tiersync reads it. */
  public static ArtifactTree read(Path path) throws IOException {
    return new DiskTreeReader(new HashCache()).read(path).orElseThrow();
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
