package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactLayout;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.skillmeat.FrontMatter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Finds the artifacts in a tree of an upstream commit by SPEC's layout: a folder holding {@code
 * SKILL.md} is a skill (its inside is not searched further), and {@code commands/*.md}, {@code
 * agents/*.md}, {@code hooks/*.md} and {@code mcp/*} are what {@link ArtifactLayout} says, wherever
 * their container sits. Each comes with its Markdown file's front matter description.
 */
final class ArtifactScanner {
  static final String SKILL_FILE = "SKILL.md";

  /** Front matter sits at the top; a description past this many bytes is not read. */
  private static final int FRONT_MATTER_BYTES = 64 * 1024;

  private final ObjectReader reader;
  private final String repositoryName;

  /**
   * @param repositoryName the name a skill at the repository's root takes
   */
  ArtifactScanner(ObjectReader reader, String repositoryName) {
    this.reader = reader;
    this.repositoryName = repositoryName;
  }

  /**
   * The artifacts at or under {@code folder} in the commit, in tree order; none when nothing is
   * there. Their {@code lastCommit} is left null.
   *
   * @param folder a clean path inside the repository; {@code ""} for its root
   */
  List<FoundArtifact> scan(RevCommit commit, String folder) throws IOException {
    ObjectId tree = commit.getTree();
    if (!folder.isEmpty()) {
      try (TreeWalk at = TreeWalk.forPath(reader, folder, commit.getTree())) {
        if (at == null || at.getFileMode(0) != FileMode.TREE) {
          return List.of();
        }
        tree = at.getObjectId(0);
      }
    }
    List<FoundArtifact> out = new ArrayList<>();
    Optional<ObjectId> skillFile = skillFile(tree);
    if (skillFile.isPresent()) {
      ArtifactLayout.of(folder, true, repositoryName)
          .ifPresent(id -> out.add(found(folder, id, skillFile.get())));
      return out;
    }
    String prefix = folder.isEmpty() ? "" : folder + "/";
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(false);
      while (tw.next()) {
        String path = prefix + tw.getPathString();
        FileMode mode = tw.getFileMode(0);
        ObjectId id = tw.getObjectId(0);
        if (mode == FileMode.TREE) {
          if (ExcludedPaths.isExcludedFolder(tw.getNameString())) {
            continue;
          }
          Optional<ObjectId> skill = skillFile(id);
          Optional<ArtifactId> artifact = ArtifactLayout.of(path, skill.isPresent(), repositoryName);
          if (skill.isPresent() && artifact.isPresent()) {
            out.add(found(path, artifact.get(), skill.get()));
          } else if (artifact.isPresent() && artifact.get().type() == ArtifactType.MCP) {
            out.add(new FoundArtifact(path, artifact.get(), null, null));
          } else {
            tw.enterSubtree();
          }
        } else if (mode == FileMode.REGULAR_FILE
            || mode == FileMode.EXECUTABLE_FILE
            || mode == FileMode.SYMLINK) {
          ArtifactLayout.of(path, false, repositoryName)
              .filter(a -> a.type() != ArtifactType.SKILL)
              .ifPresent(a -> out.add(found(path, a, path.endsWith(".md") ? id : null)));
        }
      }
    }
    return out;
  }

  /** The blob of the tree's {@code SKILL.md}, if it holds one. */
  private Optional<ObjectId> skillFile(ObjectId tree) throws IOException {
    try (TreeWalk tw = TreeWalk.forPath(reader, SKILL_FILE, tree)) {
      return tw == null || tw.getFileMode(0) == FileMode.TREE
          ? Optional.empty()
          : Optional.of(tw.getObjectId(0));
    }
  }

  private FoundArtifact found(String path, ArtifactId id, ObjectId markdown) {
    return new FoundArtifact(path, id, markdown == null ? null : description(markdown), null);
  }

  /** The front matter description of a Markdown blob; null when it has none or is unreadable. */
  private String description(ObjectId blob) {
    try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
      return FrontMatter.description(
          new String(in.readNBytes(FRONT_MATTER_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      // A description is a nicety of the listing; a blob that cannot be read (e.g. a symlink
      // target) leaves it out rather than failing the whole listing.
      return null;
    }
  }
}
