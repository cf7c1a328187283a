package dev.tiersync.engine.content;

import java.io.IOException;
import java.io.InputStream;

/** Opens a file's bytes lazily, so a tree can be listed and hashed without holding contents. */
@FunctionalInterface
public interface ContentLoader {
  InputStream open() throws IOException;

  default byte[] readAll() throws IOException {
    try (InputStream in = open()) {
      return in.readAllBytes();
    }
  }
}
