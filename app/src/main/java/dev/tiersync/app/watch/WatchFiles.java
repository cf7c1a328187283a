package dev.tiersync.app.watch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The watch's files in the data dir, each written atomically: per collection the state of the
 * last published pass ({@code watch/<collection>/state.json}) and the pass being published
 * ({@code pending.json}); the webhook deliveries not yet made ({@code watch/deliveries/<id>.json}).
 * A file that cannot be parsed (torn, edited by hand) is read as absent: the watch then starts its
 * record of that collection over, which costs one pass of events, never the watch.
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
    this.json = json;
  }

  /** A pass computed but not yet published: the state it will make, its events, its updates. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Pending(WatchState state, List<DriftEvent> events, List<String> autoUpdate) {}

  /** A webhook request to make: its URL and the exact body to sign and send. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Delivery(String id, String url, String body) {}

  Optional<WatchState> state(String collection) {
    return read(dir(collection).resolve("state.json"), WatchState.class);
  }

  Optional<Pending> pending(String collection) {
    return read(dir(collection).resolve("pending.json"), Pending.class);
  }

  void writePending(String collection, Pending pending) {
    write(dir(collection).resolve("pending.json"), pending);
  }

  /** Makes {@code state} the last published pass and drops the pending one. */
  void publish(String collection, WatchState state) {
    write(dir(collection).resolve("state.json"), state);
    delete(dir(collection).resolve("pending.json"));
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
      return Optional.of(json.readValue(Files.readAllBytes(file), type));
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
