package dev.tiersync.engine.skillmeat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The one content hash SkillMeat 0.74 writes into its files ({@code content_hash}, {@code
 * merge_base_snapshot} and {@code collection_sha} of {@code .skillmeat-deployed.toml}, {@code
 * content_hash} of {@code collection.lock}): a port of {@code
 * skillmeat.utils.filesystem.compute_content_hash}, byte for byte.
 *
 * <ul>
 *   <li>A file (a symlink to a file is followed): sha256 of its bytes.
 *   <li>A folder: sha256 over every regular file below it at any depth, dotfiles and {@code .git/}
 *       included (nothing is excluded), ordered like Python's {@code sorted(Path.rglob("*"))}
 *       (component by component, each by code point); for each, its relative path in UTF-8 with
 *       {@code /} separators, then its bytes, with no separator anywhere. A symlink to a file
 *       counts under the link's own path with the target's bytes; symlinks to folders and dangling
 *       links add nothing, and empty folders add nothing.
 *   <li>Lowercase hex, no prefix.
 * </ul>
 *
 * It is not tiersync's content hash (SPEC section 2) and never agrees with it; see {@code
 * docs/skillmeat.md}.
 */
public final class SkillMeatHash {
  /** Python's order of relative paths: by component lists, each component by code point. */
  static final Comparator<String> PATH_ORDER = SkillMeatHash::comparePaths;

  private SkillMeatHash() {}

  /**
   * The hash of the artifact at {@code path} as SkillMeat computes it on disk.
   *
   * @throws NoSuchFileException when nothing is at {@code path}
   * @throws IOException when a file cannot be read, or {@code path} is neither a file nor a folder
   */
  public static String of(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    MessageDigest md = ArtifactTree.sha256();
    if (Files.isRegularFile(path)) {
      digest(md, path);
    } else if (Files.isDirectory(path)) {
      Path root = path.toRealPath();
      for (Map.Entry<String, Path> file : files(root)) {
        md.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        digest(md, file.getValue());
      }
    } else {
      throw new IOException("neither a file nor a folder: " + path);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The hash SkillMeat would compute for a stored version once written to disk. A symlink whose
   * target is a file of the same version counts with that file's bytes; any other symlink adds
   * nothing (as a dangling one does on disk). Paths tiersync never stores (SPEC section 2's
   * exclusions) are not part of a stored version, so use {@link #of(Path)} where the copy on disk
   * is at hand.
   */
  public static String of(ArtifactTree tree) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    if (tree.isSingleFile()) {
      FileEntry only = tree.files().values().iterator().next();
      if (only.mode() != FileMode.SYMLINK) {
        digest(md, only);
      }
      return HexFormat.of().formatHex(md.digest());
    }
    List<FileEntry> entries = new ArrayList<>(tree.files().values());
    entries.sort(Comparator.comparing(FileEntry::path, PATH_ORDER));
    for (FileEntry e : entries) {
      FileEntry content = e.mode() == FileMode.SYMLINK ? linkTarget(tree, e) : e;
      if (content != null) {
        md.update(e.path().getBytes(StandardCharsets.UTF_8));
        digest(md, content);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The regular file a link of the tree points at, following links within it; null if none. */
  private static FileEntry linkTarget(ArtifactTree tree, FileEntry link) throws IOException {
    FileEntry current = link;
    for (int hops = 0; hops < 40 && current.mode() == FileMode.SYMLINK; hops++) {
      String target = new String(current.readAll(), StandardCharsets.UTF_8);
      if (target.startsWith("/")) {
        return null;
      }
      String parent = current.path().contains("/")
          ? current.path().substring(0, current.path().lastIndexOf('/'))
          : "";
      String resolved = normalise(parent.isEmpty() ? target : parent + "/" + target);
      current = resolved == null ? null : tree.file(resolved);
      if (current == null) {
        return null;
      }
    }
    return current.mode() == FileMode.SYMLINK ? null : current;
  }

  /** A relative POSIX path without {@code .} and {@code ..}; null when it leaves its root. */
  private static String normalise(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
      } else {
        out.add(part);
      }
    }
    return String.join("/", out);
  }

  /**
   * The regular files below {@code root} by relative path, in SkillMeat's order. Like Python's
   * {@code rglob}, the walk does not enter symlinked folders; like {@code is_file()}, a link
   * counts when it leads to a regular file.
   */
  private static List<Map.Entry<String, Path>> files(Path root) throws IOException {
    List<Map.Entry<String, Path>> out = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
              out.add(Map.entry(relative(root, file), file));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    out.sort(Map.Entry.comparingByKey(PATH_ORDER));
    return out;
  }

  private static String relative(Path root, Path file) {
    StringBuilder b = new StringBuilder();
    for (Path part : root.relativize(file)) {
      b.append(b.length() == 0 ? "" : "/").append(part);
    }
    return b.toString();
  }

  static int comparePaths(String a, String b) {
    String[] x = a.split("/", -1);
    String[] y = b.split("/", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareCodePoints(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Python compares strings by code point; {@link String#compareTo} by UTF-16 unit. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static void digest(MessageDigest md, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      update(md, in);
    }
  }

  private static void digest(MessageDigest md, FileEntry entry) throws IOException {
    try (InputStream in = entry.open()) {
      update(md, in);
    }
  }

  private static void update(MessageDigest md, InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
    }
  }
}
