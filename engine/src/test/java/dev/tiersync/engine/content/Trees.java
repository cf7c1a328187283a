package dev.tiersync.engine.content;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory artifact versions for unit tests. */
public final class Trees {
  private Trees() {}

  public static FileEntry file(String path, byte[] content, FileMode mode) {
    byte[] copy = content.clone();
    return new FileEntry(
        path, mode, copy.length, ArtifactTree.sha256Hex(copy), () -> new ByteArrayInputStream(copy));
  }

  public static FileEntry text(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR);
  }

  /** A folder artifact from alternating path/content strings. */
  public static ArtifactTree folder(String... pathsAndContents) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1]);
    }
    List<FileEntry> entries = new ArrayList<>();
    m.forEach((p, c) -> entries.add(text(p, c)));
    return ArtifactTree.folder(entries);
  }

  public static String content(ArtifactTree tree, String path) throws java.io.IOException {
    return new String(tree.file(path).readAll(), StandardCharsets.UTF_8);
  }
}
