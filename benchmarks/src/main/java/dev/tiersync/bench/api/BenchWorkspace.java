package dev.tiersync.bench.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tiers the API benchmarks run against, in SkillMeat layout under one folder: a collection
 * {@code default} holding the skills below (folders under {@code skills/}, which the collection
 * lists without a manifest entry), a data directory, and fresh projects under one project root.
 *
 * <ul>
 *   <li>{@code tiny}: one 200-byte file, the target of the dry-run creation load;
 *   <li>{@code small}: 20 files of 5 KiB (100 KiB), the end-to-end and throughput artifact;
 *   <li>{@code huge}: one 100 MiB file plus a SKILL.md, for the memory check (made on demand).
 * </ul>
 */
final class BenchWorkspace {
  static final int SMALL_FILES = 20;
  static final int SMALL_FILE_BYTES = 5 * 1024;

  final Path root;
  final Path collection;
  private final AtomicInteger projects = new AtomicInteger();

  BenchWorkspace(Path root) throws IOException {
    this.root = root;
    this.collection = root.resolve("collections/default");
    Files.createDirectories(collection.resolve("skills"));
    Files.createDirectories(root.resolve("projects"));
    Files.createDirectories(root.resolve("home"));
    Files.writeString(
        collection.resolve("collection.toml"),
        """
        [collection]
        name = "default"
        version = "1.0.0"
        created = "2026-11-01T10:00:00"
        updated = "2026-11-01T10:00:00"
        """);
    Path tiny = Files.createDirectories(collection.resolve("skills/tiny"));
    Files.writeString(tiny.resolve("SKILL.md"), "# tiny\n" + "A skill for the creation load.\n".repeat(6));
    Path small = Files.createDirectories(collection.resolve("skills/small/docs"));
    Random r = new Random(42);
    for (int i = 0; i < SMALL_FILES; i++) {
      Path file = i == 0 ? small.getParent().resolve("SKILL.md") : small.resolve("part-" + i + ".md");
      Files.writeString(file, text(r, SMALL_FILE_BYTES));
    }
  }

  /** Adds the 100 MiB skill {@code huge}, written in chunks so the driver holds little of it. */
  void addHugeSkill(long bytes) throws IOException {
    Path huge = Files.createDirectories(collection.resolve("skills/huge"));
    Files.writeString(huge.resolve("SKILL.md"), "# huge\nOne very large reference file.\n");
    Random r = new Random(7);
    try (OutputStream out = Files.newOutputStream(huge.resolve("reference.txt"))) {
      for (long written = 0; written < bytes; ) {
        byte[] chunk = text(r, (int) Math.min(1024 * 1024, bytes - written)).getBytes(StandardCharsets.US_ASCII);
        out.write(chunk);
        written += chunk.length;
      }
    }
  }

  /** A new, empty project folder under the project root. */
  Path newProject(String prefix) throws IOException {
    Path p = root.resolve("projects").resolve(prefix + "-" + projects.incrementAndGet());
    Files.createDirectories(p.resolve(".claude"));
    return p;
  }

  Map<String, String> env(String token) {
    return Map.of(
        "TIERSYNC_HOME", root.resolve("home").toString(),
        "TIERSYNC_COLLECTIONS", root.resolve("collections").toString(),
        "TIERSYNC_PROJECT_ROOTS", root.resolve("projects").toString(),
        "TIERSYNC_API_TOKENS", token);
  }

  /** Exactly {@code bytes} ASCII bytes of text lines. */
  private static String text(Random r, int bytes) {
    StringBuilder b = new StringBuilder(bytes + 64);
    for (int i = 0; b.length() < bytes; i++) {
      b.append("line ").append(i).append(' ').append(Long.toHexString(r.nextLong())).append(" lorem ipsum dolor sit amet\n");
    }
    b.setLength(bytes - 1);
    return b.append('\n').toString();
  }
}
