package dev.tiersync.engine.history;

import dev.tiersync.engine.content.FileEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a version commit's message records besides its tree: the shape (a single file or a
 * folder) and, per path, the sha256 and size of the file's bytes, so a stored version is rebuilt
 * without reading any blob.
 *
 * @param singleFile whether the version is a single-file artifact
 * @param files per path, the sha256 and size of its bytes; a path missing here (a store written by
 *     hand, a damaged line) is recovered from its blob
 */
record VersionIndex(boolean singleFile, Map<String, IndexedFile> files) {
  private static final String HEADER = "tiersync version ";
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  /** The sha256 and size of one file's bytes. */
  record IndexedFile(String sha256, long size) {}

  /** The commit message of a version with this content hash, shape and (verified) files. */
  static String message(String hash, boolean singleFile, List<FileEntry> files) {
    StringBuilder m = new StringBuilder();
    m.append(HEADER).append(hash).append("\n\n");
    m.append("shape: ").append(singleFile ? "file" : "folder").append('\n');
    for (FileEntry e : files) {
      m.append("entry ")
          .append(e.sha256())
          .append(' ')
          .append(e.size())
          .append(' ')
          .append(MessageFields.escape(e.path()))
          .append('\n');
    }
    return m.toString();
  }

  /** The content hash a version commit's message names; empty for any other message. */
  static java.util.Optional<String> contentHash(String message) {
    String first = message.split("\n", 2)[0];
    if (!first.startsWith(HEADER)) {
      return java.util.Optional.empty();
    }
    String hash = first.substring(HEADER.length()).trim();
    return HASH.matcher(hash).matches() ? java.util.Optional.of(hash) : java.util.Optional.empty();
  }

  /** Reads a version commit's message; lines it does not understand are left out. */
  static VersionIndex parse(String message) {
    boolean singleFile = false;
    Map<String, IndexedFile> files = new HashMap<>();
    for (String line : message.split("\n")) {
      if (line.equals("shape: file")) {
        singleFile = true;
      } else if (line.startsWith("entry ")) {
        String[] parts = line.split(" ", 4);
        if (parts.length == 4 && HASH.matcher(parts[1]).matches()) {
          try {
            files.put(
                MessageFields.unescape(parts[3]),
                new IndexedFile(parts[1], Long.parseLong(parts[2])));
          } catch (NumberFormatException ignored) {
            // A damaged line is recovered from the blob itself.
          }
        }
      }
    }
    return new VersionIndex(singleFile, files);
  }
}
