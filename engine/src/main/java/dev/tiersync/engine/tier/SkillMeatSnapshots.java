package dev.tiersync.engine.tier;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ExcludedPaths;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.KeepOpenOutputStream;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.skillmeat.SkillMeatHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The collection snapshots SkillMeat keeps: every {@code skillmeat deploy} ends by writing {@code
 * ~/.skillmeat/snapshots/<collection>/<YYYYmmdd-HHMMSS-ffffff>.tar.gz}, a tarball of the whole
 * collection folder (entries under {@code <collection>/}). SkillMeat's own merge looks for its
 * deploy base there ({@code merge_resolution.extract_tarball_base}); so does tiersync, when no
 * other record names the version a {@code content_hash} stands for.
 *
 * <p>The snapshots folder is found beside the collections root: {@code
 * <home>/.skillmeat/collections/<name>} has its snapshots in {@code
 * <home>/.skillmeat/snapshots/<name>}. The newest {@value #MAX_SNAPSHOTS} are searched, newest
 * first, as SkillMeat searches them.
 */
public final class SkillMeatSnapshots {
  static final int MAX_SNAPSHOTS = 100;

  /** SkillMeat's list of a collection's snapshots, in the snapshots folder. */
  static final String INDEX = "snapshots.toml";

  /** An artifact in a snapshot file, whose SkillMeat hash is remembered once read. */
  private record Seen(Path tarball, ArtifactId id) {}

  private final ConcurrentHashMap<Seen, String> hashes = new ConcurrentHashMap<>();

  /** The folder of a collection's snapshots; empty when there is none. */
  public static Optional<Path> folder(Path collectionRoot) {
    Path root = collectionRoot.toAbsolutePath().normalize();
    Path collections = root.getParent();
    if (collections == null
        || collections.getParent() == null
        || !collections.getFileName().toString().equals("collections")) {
      return Optional.empty();
    }
    Path folder = collections.getParent().resolve("snapshots").resolve(root.getFileName());
    return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
  }

  /**
   * The version of {@code id} in the newest snapshot of the collection whose SkillMeat hash is
   * {@code skillMeatHash}, or empty.
   *
   * @throws IOException when the snapshots folder cannot be listed; a snapshot that cannot be read
   *     is skipped, as SkillMeat skips it
   */
  public Optional<ArtifactTree> find(Path collectionRoot, ArtifactId id, String skillMeatHash)
      throws IOException {
    Optional<Path> folder = folder(collectionRoot);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    List<Path> tarballs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder.get(), "*.tar.gz")) {
      files.forEach(tarballs::add);
    }
    // Names are timestamps, so the newest sorts last.
    tarballs.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
    String prefix =
        collectionRoot.toAbsolutePath().normalize().getFileName() + "/" + id.relativePath();
    for (Path tarball : tarballs.subList(0, Math.min(MAX_SNAPSHOTS, tarballs.size()))) {
      Seen seen = new Seen(tarball, id);
      String known = hashes.get(seen);
      if (known != null && !known.equals(skillMeatHash)) {
        continue;
      }
      Optional<ArtifactTree> tree;
      try {
        tree = read(tarball, prefix, id.type().shape() == ArtifactType.Shape.FILE);
      } catch (IOException e) {
        continue;
      }
      if (tree.isEmpty()) {
        hashes.put(seen, "");
        continue;
      }
      String hash = SkillMeatHash.of(tree.get());
      hashes.put(seen, hash);
      if (hash.equals(skillMeatHash)) {
        return Optional.of(withoutExcludedPaths(tree.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Makes sure a snapshot of the collection holds {@code id} with SkillMeat hash {@code
   * skillMeatHash}, taking one now when none of the newest does, as SkillMeat's {@code deploy}
   * does after every deploy: SkillMeat's merge ({@code deploy --conflict-mode merge}, {@code
   * sync-pull --strategy merge}) finds a deploy's base only there. Only for a collection in a
   * SkillMeat home ({@code .../.skillmeat/collections/<name>}); others are left alone.
   *
   * @return whether a snapshot was taken
   */
  public boolean ensureHolds(
      Path collectionRoot, ArtifactId id, String skillMeatHash, String message, Instant now)
      throws IOException {
    Path root = collectionRoot.toAbsolutePath().normalize();
    Path collections = root.getParent();
    if (collections == null
        || !collections.getFileName().toString().equals("collections")
        || collections.getParent() == null
        || !collections.getParent().getFileName().toString().equals(".skillmeat")) {
      return false;
    }
    Path folder = collections.getParent().resolve("snapshots").resolve(root.getFileName());
    Files.createDirectories(folder);
    return TierWriteLock.call(
        folder,
        () -> {
          if (find(root, id, skillMeatHash).isPresent()) {
            return false;
          }
          take(root, folder, message, now);
          return true;
        });
  }

  /** Writes a snapshot tarball and lists it in {@code snapshots.toml}, as SkillMeat does. */
  private static void take(Path root, Path folder, String message, Instant now)
      throws IOException {
    java.time.LocalDateTime utc = java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
    String snapshotId =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSSSSS").format(utc);
    Path tarball = folder.resolve(snapshotId + ".tar.gz");
    String name = root.getFileName().toString();
    AtomicFiles.write(
        tarball,
        out -> {
          // The gzip stream must not close the temp file, which AtomicFiles still fsyncs.
          try (TarArchiveOutputStream tar =
              new TarArchiveOutputStream(
                  new GzipCompressorOutputStream(new KeepOpenOutputStream(out)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addTree(tar, root, name);
            tar.finish();
          }
        },
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    int artifacts = 0;
    for (String type : List.of("skills", "commands", "agents")) {
      Path dir = root.resolve(type);
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          artifacts += (int) entries.count();
        }
      }
    }
    Path index = folder.resolve(INDEX);
    com.electronwill.nightconfig.core.CommentedConfig doc =
        TomlFiles.read(index).orElseGet(TomlFiles::newDocument);
    Object listed = doc.valueMap().get("snapshots");
    List<Object> snapshots = listed instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    com.electronwill.nightconfig.core.Config entry = doc.createSubConfig();
    entry.valueMap().put("id", snapshotId);
    entry.valueMap().put("timestamp", TomlTimestamps.write(null, now));
    entry.valueMap().put("message", message);
    entry.valueMap().put("artifact_count", artifacts);
    entry.valueMap().put("tarball_path", tarball.toString());
    snapshots.add(entry);
    doc.valueMap().put("snapshots", snapshots);
    TomlFiles.write(index, doc);
  }

  /** Python's {@code tarfile.add(root, arcname=name)}: folders, files and links, recursively. */
  private static void addTree(TarArchiveOutputStream tar, Path path, String name)
      throws IOException {
    String file = path.getFileName().toString();
    if (file.startsWith(".tiersync-staging.") || file.startsWith(".tiersync-old.")) {
      return;
    }
    java.nio.file.attribute.PosixFileAttributes attrs =
        Files.readAttributes(
            path, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    TarArchiveEntry entry;
    if (attrs.isSymbolicLink()) {
      entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      entry.setLinkName(Files.readSymbolicLink(path).toString());
    } else if (attrs.isDirectory()) {
      entry = new TarArchiveEntry(name + "/");
    } else if (attrs.isRegularFile()) {
      entry = new TarArchiveEntry(name);
      entry.setSize(attrs.size());
    } else {
      return;
    }
    entry.setMode(
        (entry.isDirectory() ? 040000 : entry.isSymbolicLink() ? 0120000 : 0100000)
            | mode(attrs.permissions()));
    entry.setModTime(attrs.lastModifiedTime().toMillis());
    tar.putArchiveEntry(entry);
    if (attrs.isRegularFile()) {
      Files.copy(path, tar);
    }
    tar.closeArchiveEntry();
    if (attrs.isDirectory()) {
      List<Path> children = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
        files.forEach(children::add);
      }
      children.sort(Comparator.comparing(p -> p.getFileName().toString()));
      for (Path child : children) {
        addTree(tar, child, name + "/" + child.getFileName());
      }
    }
  }

  private static int mode(java.util.Set<java.nio.file.attribute.PosixFilePermission> perms) {
    int mode = 0;
    for (java.nio.file.attribute.PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal());
    }
    return mode;
  }

  /** The version as tiersync stores it: without the paths it never hashes or copies. */
  private static ArtifactTree withoutExcludedPaths(ArtifactTree tree) {
    List<FileEntry> kept =
        tree.files().values().stream().filter(e -> !ExcludedPaths.isExcluded(e.path())).toList();
    return kept.size() == tree.files().size() ? tree : ArtifactTree.folder(kept);
  }

  /** The artifact at {@code prefix} in a tarball, its files held in memory; empty if absent. */
  static Optional<ArtifactTree> read(Path tarball, String prefix, boolean singleFile)
      throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tarball);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        String rel;
        if (name.equals(prefix) && !e.isDirectory()) {
          rel = prefix.substring(prefix.lastIndexOf('/') + 1);
        } else if (name.startsWith(prefix + "/") && !e.isDirectory()) {
          rel = name.substring(prefix.length() + 1);
        } else {
          continue;
        }
        if (e.isSymbolicLink()) {
          byte[] target = e.getLinkName().getBytes(StandardCharsets.UTF_8);
          entries.add(entry(rel, FileMode.SYMLINK, target));
        } else if (e.isFile()) {
          byte[] bytes = tar.readAllBytes();
          FileMode mode = (e.getMode() & 0100) != 0 ? FileMode.EXECUTABLE : FileMode.REGULAR;
          entries.add(entry(rel, mode, bytes));
        }
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        singleFile && entries.size() == 1
            ? ArtifactTree.singleFile(entries.get(0))
            : ArtifactTree.folder(entries));
  }

  private static FileEntry entry(String path, FileMode mode, byte[] bytes) {
    return new FileEntry(
        path, mode, bytes.length, ArtifactTree.sha256Hex(bytes),
        () -> new ByteArrayInputStream(bytes));
  }
}
