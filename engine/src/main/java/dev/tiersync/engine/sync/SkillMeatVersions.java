package dev.tiersync.engine.sync;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SkillMeat's hashes of the versions tiersync handles. Each hash computed for a stored version is
 * recorded in the history store ({@link HistoryStore#aliasSkillMeatHash}), so that a SkillMeat
 * record naming it finds the version again after the tier copy has changed.
 *
 * <p>SkillMeat hashes raw bytes, which tiersync's {@link dev.tiersync.engine.content.HashCache}
 * does not keep, so a hash costs a read of every file. Reads for status remember the hash of a
 * copy by its path and tiersync hash; that is exact unless only paths tiersync excludes (SPEC
 * section 2: {@code .git/}, {@code __pycache__/}, ...) changed. Hashes written into SkillMeat's
 * files are always computed afresh.
 */
final class SkillMeatVersions {
  private record Copy(Path path, String contentHash) {}

  private final TierReader reader;
  private final HistoryStore history;
  private final ConcurrentHashMap<Copy, String> copies = new ConcurrentHashMap<>();

  SkillMeatVersions(TierReader reader, HistoryStore history) {
    this.reader = reader;
    this.history = history;
  }

  /**
   * SkillMeat's hash of the version {@code contentHash}, read from the first of {@code copies}
   * that holds it on disk, else computed from the stored version.
   *
   * @throws IOException when no copy holds it and it is not stored
   */
  String of(String contentHash, List<Path> copies) throws IOException {
    for (Path path : copies) {
      ArtifactTree tree = reader.readDisk(path);
      if (tree != null && tree.contentHash().equals(contentHash)) {
        return remember(path, tree, SkillMeatHash.of(path));
      }
    }
    String hash = SkillMeatHash.of(history.require(contentHash));
    alias(hash, contentHash);
    return hash;
  }

  /** SkillMeat's hash of the copy at {@code path} that reads as {@code tree}, remembered. */
  String ofCopy(Path path, ArtifactTree tree) throws IOException {
    String known = copies.get(new Copy(path, tree.contentHash()));
    return known != null ? known : remember(path, tree, SkillMeatHash.of(path));
  }

  private String remember(Path path, ArtifactTree tree, String hash) throws IOException {
    copies.put(new Copy(path, tree.contentHash()), hash);
    history.put(tree);
    alias(hash, tree.contentHash());
    return hash;
  }

  private void alias(String skillMeatHash, String contentHash) throws IOException {
    history.aliasSkillMeatHash(skillMeatHash, contentHash);
  }
}
