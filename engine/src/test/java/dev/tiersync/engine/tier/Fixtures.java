package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Copies the real SkillMeat files under {@code src/test/resources/skillmeat/} into temp folders.
 */
final class Fixtures {
  private Fixtures() {}

  /** Copies {@code skillmeat/<name>} (a file or a folder) to {@code target}; returns target. */
  static Path copy(String name, Path target) throws IOException {
    Path source;
    try {
      source = Path.of(Fixtures.class.getResource("/skillmeat/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(
          from -> {
            Path to = target.resolve(source.relativize(from).toString());
            try {
              if (Files.isDirectory(from)) {
                Files.createDirectories(to);
              } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return target;
  }

  static Path write(Path file, String toml) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.writeString(file, toml, StandardCharsets.UTF_8);
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * A file's parsed content as nested ordered maps and lists, printed: equal strings mean equal
   * keys, values, value types (a TOML datetime is not a string) and key order.
   */
  static String structure(Path file) throws IOException {
    return String.valueOf(unwrap(TomlFiles.read(file).orElseThrow()));
  }

  private static Object unwrap(Object value) {
    if (value instanceof Config c) {
      Map<String, Object> map = new LinkedHashMap<>();
      c.valueMap().forEach((k, v) -> map.put(k, unwrap(v)));
      return map;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Fixtures::unwrap).toList();
    }
    return value instanceof String s
        ? '"' + s + '"'
        : value + ":" + value.getClass().getSimpleName();
  }
}
