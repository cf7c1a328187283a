package dev.tiersync.app.hosts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.engine.tier.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last fleet answer of each host, kept so that an offline host's columns stay in the fleet
 * view: {@code hosts/<host>.json} under the data folder, one file per host holding its latest
 * answer per collection, each rewritten atomically (a temporary file moved into place), so a
 * reader sees the old answer or the new one. Every server instance shares the data folder, so all
 * of them see the same last answers.
 */
@Component
class HostFleetFiles {
  private static final Logger log = LoggerFactory.getLogger(HostFleetFiles.class);

  private final Path dir;
  private final ObjectMapper json;

  HostFleetFiles(DataDirectory data, ObjectMapper json) {
    this.dir = data.root().resolve("hosts");
    this.json = json;
  }

  /**
   * A host's answer for one collection.
   *
   * @param answeredAt when the agent answered
   * @param projects the columns, each a project path and its cells by artifact id (or why the
   *     agent could not read it)
   */
  record Answer(Instant answeredAt, List<Project> projects) {}

  record Project(String path, String error, Map<String, HostColumn.Cell> cells) {}

  /** One file: the host's latest answer per collection name. */
  record HostFile(String host, Map<String, Answer> collections) {}

  /** The host's last answer for {@code collection}; empty when none was kept or it is unreadable. */
  synchronized Optional<Answer> last(String host, String collection) {
    return read(host).map(f -> f.collections().get(collection));
  }

  /** Keeps {@code answer} as the host's last for {@code collection}; a failed write is logged. */
  synchronized void keep(String host, String collection, Answer answer) {
    Map<String, Answer> collections = new LinkedHashMap<>(read(host).map(HostFile::collections).orElse(Map.of()));
    collections.put(collection, answer);
    try {
      AtomicFiles.write(file(host), json.writeValueAsBytes(new HostFile(host, collections)));
    } catch (IOException e) {
      // The answer is shown all the same; only its offline columns later are lost.
      log.warn("cannot keep the fleet answer of host '{}' in {}: {}", host, file(host), e.getMessage());
    }
  }

  private Optional<HostFile> read(String host) {
    Path file = file(host);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      HostFile f = json.readValue(file.toFile(), HostFile.class);
      return f.collections() == null ? Optional.empty() : Optional.of(f);
    } catch (IOException e) {
      // A broken file loses the offline columns, never the fleet view: the next answer replaces it.
      log.warn("cannot read the last fleet answer of host '{}' from {}: {}", host, file, e.getMessage());
      return Optional.empty();
    }
  }

  private Path file(String host) {
    // Host ids are checked against the instance-id rule: no separators, safe as a file name.
    return dir.resolve(host + ".json");
  }
}
