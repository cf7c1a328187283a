package dev.tiersync.engine.testing;

import dev.tiersync.engine.tier.CollectionLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A collection folder in a test: its {@code collection.toml}, lock file and artifacts. */
public final class CollectionFolder extends TierFolder<CollectionLayout> {
  private CollectionFolder(CollectionLayout layout) {
    super(layout);
  }

  /** The folder at {@code root} with a {@code collection.toml} of no artifacts. */
  static CollectionFolder create(Path root) throws IOException {
    CollectionFolder c = new CollectionFolder(new CollectionLayout(Files.createDirectories(root)));
    c.init();
    return c;
  }

  public Path root() {
    return layout().root();
  }

  public Path manifestFile() {
    return layout().manifestFile();
  }

  public Path lockFile() {
    return layout().lockFile();
  }

  /** Writes {@code collection.toml} with no artifacts, as {@code skillmeat init} does. */
  private void init() throws IOException {
    StringBuilder toml = new StringBuilder("[collection]\n");
    ManifestEntry.key(toml, "name", layout().name());
    ManifestEntry.key(toml, "version", "1.0.0");
    ManifestEntry.key(toml, "created", ManifestEntry.ADDED);
    ManifestEntry.key(toml, "updated", ManifestEntry.ADDED);
    Files.writeString(manifestFile(), toml, StandardCharsets.UTF_8);
  }

  /** Appends the entries to {@code collection.toml}. */
  public synchronized CollectionFolder list(ManifestEntry... entries) throws IOException {
    StringBuilder toml = new StringBuilder();
    for (ManifestEntry e : entries) {
      toml.append(e.toml());
    }
    Files.writeString(manifestFile(), toml, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return this;
  }
}
