package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where an artifact's files go: their paths in the upstream repository, their bundle copies. */
final class BundleFiles {
  private BundleFiles() {}

  /** The artifact's files keyed by their path from the repository root. */
  static Map<String, FileEntry> byRepoPath(String pathInRepo, ArtifactTree tree) {
    Map<String, FileEntry> out = new LinkedHashMap<>();
    if (tree == null) {
      return out;
    }
    for (FileEntry e : tree.files().values()) {
      out.put(repoPath(pathInRepo, tree.isSingleFile(), e.path()), e);
    }
    return out;
  }

  /**
   * The path from the repository root of an artifact's file: {@code pathInRepo} itself for a
   * single-file artifact, else the file's path under it.
   */
  static String repoPath(String pathInRepo, boolean singleFile, String fileInArtifact) {
    if (singleFile) {
      if (pathInRepo.isEmpty()) {
        throw new IllegalArgumentException(
            "a single-file artifact needs its file's path in the upstream repository");
      }
      return EntryNames.requireSafe(pathInRepo);
    }
    return EntryNames.requireSafe(
        pathInRepo.isEmpty() ? fileInArtifact : pathInRepo + "/" + fileInArtifact);
  }

  /**
   * The bundle's copy of a project file; null when removed, or for a symlink that would point
   * outside its artifact once extracted (the patch still carries it).
   */
  static BundleArchive.Entry copyOf(String path, FileEntry file, boolean singleFile)
      throws IOException {
    if (file == null) {
      return null;
    }
    String name = EntryNames.FILES + path;
    if (file.mode() == FileMode.SYMLINK) {
      String target = new String(file.readAll(), StandardCharsets.UTF_8);
      return !singleFile && EntryNames.linkStaysInside(file.path(), target)
          ? BundleArchive.Entry.symlink(name, target)
          : null;
    }
    return BundleArchive.Entry.file(
        name,
        file.mode() == FileMode.EXECUTABLE ? BundleArchive.EXECUTABLE : BundleArchive.REGULAR,
        file.size(),
        file.loader(),
        file.sha256());
  }
}
