package dev.tiersync.app.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.engine.tier.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The watch's files in the data dir, each written atomically: per collection the pass being
 * published ({@code watch/<collection>/pending.json}), the last published one ({@code state.json}:
 * the pending file renamed, so publishing writes no large file) and what its publication sent
 * ({@code published.json}); the webhook deliveries not yet made ({@code watch/deliveries/<id>.json}).
 * A file that cannot be parsed (torn, edited by hand) is read as absent: the watch then starts its
 * record of that collection over, which costs one pass of events, never the watch.
 *
 * <p>The last pass written is also kept in memory and used while its file is unchanged (same
 * modification time and size), so a steady pass over a large fleet parses nothing.
 */
@Component
class WatchFiles {
  private final Path root;
  private final ObjectMapper json;

  @Autowired
  WatchFiles(DataDirectory data, ObjectMapper json) {
    this(data.root().resolve("watch"), json);
  }

  WatchFiles(Path root, ObjectMapper json) {
    this.root = root;
    // Cell keys are thousands of distinct names: interning them as if they were field names
    // thrashes Jackson's intern cache for nothing.
    this.json =
        json.copyWith(
            JsonFactory.builder()
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build());
  }

  /** What a publication sent: the pass and its webhook deliveries. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Published(String passId, List<String> deliveries) {}

  /** A file's content as last written or read here, with the stat it had then. */
  private record Known(Object value, FileTime modified, long size) {}

  private final Map<Path, Known> known = new ConcurrentHashMap<>();

  /** A pass computed but not yet published: the state it will make, its events, its updates. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Pending(WatchState state, List<DriftEvent> events, List<String> autoUpdate) {}

  /** A webhook request to make: its URL and the exact body to sign and send. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Delivery(String id, String url, String body) {}

  /** The last published pass's state. */
  Optional<WatchState> state(String collection) {
    return current(collection).map(Pending::state);
  }

  /** The last published pass, events included. */
  Optional<Pending> current(String collection) {
    return read(dir(collection).resolve("state.json"), Pending.class);
  }

  Optional<Pending> pending(String collection) {
    return read(dir(collection).resolve("pending.json"), Pending.class);
  }

  Optional<Published> published(String collection) {
    return read(dir(collection).resolve("published.json"), Published.class);
  }

  void writePending(String collection, Pending pending) {
    write(dir(collection).resolve("pending.json"), pending);
  }

  /**
   * Makes the pending pass the last published one (a rename), then records what its publication
   * sent.
   */
  void publish(String collection, String passId, List<String> deliveries) {
    Path pending = dir(collection).resolve("pending.json");
    Path state = dir(collection).resolve("state.json");
    try {
      if (Files.exists(pending)) {
        Known k = known.remove(pending);
        Files.move(pending, state, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (k != null) {
          remember(state, k.value());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + pending, e);
    }
    write(dir(collection).resolve("published.json"), new Published(passId, deliveries));
  }

  void writeDelivery(Delivery delivery) {
    write(deliveries().resolve(delivery.id() + ".json"), delivery);
  }

  Optional<Delivery> delivery(String id) {
    return read(deliveries().resolve(id + ".json"), Delivery.class);
  }

  /** Forgets a delivery that was made (or given up on). */
  void delivered(String id) {
    delete(deliveries().resolve(id + ".json"));
  }

  /** The deliveries not yet made, e.g. left by a restart of the embedded server. */
  List<String> undelivered() {
    Path dir = deliveries();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .forEach(n -> ids.add(n.substring(0, n.length() - ".json".length())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ids.sort(null);
    return ids;
  }

  private Path dir(String collection) {
    return root.resolve(collection);
  }

  private Path deliveries() {
    return root.resolve("deliveries");
  }

  private <T> Optional<T> read(Path file, Class<T> type) {
    try {
      BasicFileAttributes stat = Files.readAttributes(file, BasicFileAttributes.class);
      Known k = known.get(file);
      if (k != null
          && type.isInstance(k.value())
          && k.modified().equals(stat.lastModifiedTime())
          && k.size() == stat.size()) {
        return Optional.of(type.cast(k.value()));
      }
      T value = json.readValue(Files.readAllBytes(file), type);
      known.put(file, new Known(value, stat.lastModifiedTime(), stat.size()));
      return Optional.of(value);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      AtomicFiles.write(file, json.writeValueAsBytes(value));
      remember(file, value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void remember(Path file, Object value) throws IOException {
    BasicFileAttributes stat = Files.readAttributes(file, BasicFileAttributes.class);
    known.put(file, new Known(value, stat.lastModifiedTime(), stat.size()));
  }

  private void delete(Path file) {
    known.remove(file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
