package dev.tiersync.engine.testing;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.tier.TierLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tier folder in a test: artifact files written and read at their SkillMeat paths, relative to
 * the collection's root or the project's {@code .claude/}.
 */
public abstract sealed class TierFolder<L extends TierLayout>
    permits CollectionFolder, ProjectFolder {
  private final L layout;

  TierFolder(L layout) {
    this.layout = layout;
  }

  public L layout() {
    return layout;
  }

  /** {@code relative} under the folder artifacts live in, e.g. {@code skills/x/SKILL.md}. */
  public Path path(String relative) {
    return layout.artifactRoot().resolve(relative);
  }

  /** Where the artifact lives in this tier, whether or not it is there. */
  public Path artifact(ArtifactId id) {
    return layout.artifactPath(id);
  }

  /** Writes a file at {@code relative} (see {@link #path}), making its folders. */
  public Path write(String relative, String content) throws IOException {
    return writeFile(path(relative), content);
  }

  /** Writes {@code file} inside a folder artifact. */
  public Path write(ArtifactId id, String file, String content) throws IOException {
    return writeFile(artifact(id).resolve(file), content);
  }

  /** Reads {@code file} inside a folder artifact. */
  public String read(ArtifactId id, String file) throws IOException {
    return Files.readString(artifact(id).resolve(file), StandardCharsets.UTF_8);
  }

  /** Writes a UTF-8 file anywhere, making its folders. */
  public static Path writeFile(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
