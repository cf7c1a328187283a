package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitBlobLoader;
import dev.tiersync.engine.content.GitFileModes;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads an artifact's tree at a commit of an upstream from its mirror, as {@code DiskTreeReader}
 * reads one from disk: a folder (excluded paths and submodules left out) or a single file, each
 * entry with the sha256 of its bytes and a lazy loader.
 */
final class UpstreamTreeReader {
  private static final int DIGEST_CACHE_ENTRIES = 100_000;

  private final RefResolver refs;
  private final BlobDigests digests = new BlobDigests(DIGEST_CACHE_ENTRIES);

  UpstreamTreeReader(RefResolver refs) {
    this.refs = refs;
  }

  /** See {@link UpstreamCache#readArtifact(String, String, String, FetchProgress)}. */
  Optional<ArtifactTree> read(
      String url, String commitSha, String pathInRepo, FetchProgress progress)
      throws UpstreamUnavailableException {
    String path = RepoPaths.clean(url, commitSha, pathInRepo);
    Repository repo = refs.mirrorWithCommit(Remote.of(url), commitSha, progress);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = RefResolver.parseCommit(url, walk, commitSha);
      ObjectReader reader = walk.getObjectReader();
      if (path.isEmpty()) {
        return Optional.of(
            ArtifactTree.folder(readFolder(url, repo, reader, commit.getTree(), "")));
      }
      try (TreeWalk at = TreeWalk.forPath(reader, path, commit.getTree())) {
        if (at == null) {
          return Optional.empty();
        }
        org.eclipse.jgit.lib.FileMode mode = at.getFileMode(0);
        ObjectId id = at.getObjectId(0);
        if (mode == org.eclipse.jgit.lib.FileMode.TREE) {
          return Optional.of(ArtifactTree.folder(readFolder(url, repo, reader, id, path)));
        }
        Optional<FileMode> fileMode = GitFileModes.fromGit(mode);
        if (fileMode.isEmpty()) {
          return Optional.empty();
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return Optional.of(
            ArtifactTree.singleFile(entry(repo, reader, name, fileMode.get(), id)));
      }
    } catch (IOException e) {
      throw unreadable(url, path, commitSha, e);
    }
  }

  /** See {@link UpstreamCache#artifactTreeId(String, String, String)}. */
  Optional<String> treeId(String url, String commitSha, String pathInRepo)
      throws UpstreamUnavailableException {
    String path = RepoPaths.clean(url, commitSha, pathInRepo);
    Repository repo = refs.mirrorWithCommit(Remote.of(url), commitSha, null);
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = RefResolver.parseCommit(url, walk, commitSha);
      if (path.isEmpty()) {
        return Optional.of(commit.getTree().name());
      }
      try (TreeWalk at = TreeWalk.forPath(walk.getObjectReader(), path, commit.getTree())) {
        return at == null ? Optional.empty() : Optional.of(at.getObjectId(0).name());
      }
    } catch (IOException e) {
      throw unreadable(url, path, commitSha, e);
    }
  }

  private List<FileEntry> readFolder(
      String url, Repository repo, ObjectReader reader, ObjectId tree, String base)
      throws IOException {
    List<FileEntry> out = new ArrayList<>();
    try (TreeWalk tw = new TreeWalk(reader)) {
      tw.addTree(tree);
      tw.setRecursive(false);
      while (tw.next()) {
        String name = tw.getNameString();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
          // Git itself refuses such names; only a crafted tree holds them, and they could escape
          // the artifact folder when written to disk.
          throw new UpstreamRefNotFoundException(
              url, null, base, "unsafe entry name '" + name + "' under '" + base + "' in " + url);
        }
        org.eclipse.jgit.lib.FileMode mode = tw.getFileMode(0);
        if (mode == org.eclipse.jgit.lib.FileMode.TREE) {
          if (!ExcludedPaths.isExcludedFolder(name)) {
            tw.enterSubtree();
          }
          continue;
        }
        Optional<FileMode> fileMode = GitFileModes.fromGit(mode);
        if (fileMode.isEmpty()
            || ExcludedPaths.isExcludedFile(name)
            || ExcludedPaths.isExcludedFolder(name)) {
          continue;
        }
        out.add(entry(repo, reader, tw.getPathString(), fileMode.get(), tw.getObjectId(0)));
      }
    }
    return out;
  }

  private FileEntry entry(
      Repository repo, ObjectReader reader, String path, FileMode mode, ObjectId blob)
      throws IOException {
    BlobDigests.Digest d = digests.get(blob);
    if (d == null) {
      ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
      MessageDigest md = ArtifactTree.sha256();
      byte[] buf = new byte[64 * 1024];
      try (InputStream in = loader.openStream()) {
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      d = new BlobDigests.Digest(HexFormat.of().formatHex(md.digest()), loader.getSize());
      digests.put(blob, d);
    }
    return new FileEntry(path, mode, d.size(), d.sha256(), new MirrorBlob(repo, blob.copy()));
  }

  /** A blob of a mirror, inflated when opened (through the thread's {@link BlobReadSession}). */
  private record MirrorBlob(Repository repo, ObjectId id) implements GitBlobLoader {
    @Override
    public InputStream open() throws IOException {
      return BlobReadSession.load(repo, id).openStream();
    }

    @Override
    public String gitBlobId() {
      return id.name();
    }
  }

  private static UpstreamUnavailableException unreadable(
      String url, String path, String commitSha, IOException e) {
    return UpstreamUnavailableException.because(
        url, "cannot read " + path + " at " + commitSha + " from " + url, e);
  }
}
