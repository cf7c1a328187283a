package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An array of tables ({@code [[artifacts]]}, {@code [[deployed]]}) seen as records keyed by
 * artifact id. Tables of types tiersync does not manage stay in the array but are not exposed.
 */
final class TableArray<R> {
  /**
   * Maps one table to a record and back.
   *
   * @param read the record of a table, or empty when the table is of a type tiersync does not
   *     manage
   * @param fields the record's keys in the order a new table should have them; null means absent
   * @param id the artifact a record describes
   */
  record Codec<R>(
      Function<Config, Optional<R>> read,
      Function<R, LinkedHashMap<String, Object>> fields,
      Function<R, ArtifactId> id) {}

  private final CommentedConfig doc;
  private final String key;
  private final Codec<R> codec;
  private final List<Config> tables;
  private final List<Optional<R>> records = new ArrayList<>();

  TableArray(CommentedConfig doc, String key, Codec<R> codec, Path file) {
    this.doc = doc;
    this.key = key;
    this.codec = codec;
    this.tables = tables(doc.valueMap().get(key), file);
    doc.valueMap().put(key, tables);
    // The parser keeps one comment for the whole array (the last one above a [[key]] header)
    // and the writer would repeat it above every element: drop it rather than multiply it.
    doc.removeComment(List.of(key));
    for (int i = 0; i < tables.size(); i++) {
      Config table = tables.get(i);
      records.add(TomlFiles.located(file, key + "[" + i + "]", () -> codec.read().apply(table)));
    }
  }

  private List<Config> tables(Object value, Path file) {
    List<Config> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> list)) {
      throw new InvalidTierFileException(null, "must be an array of tables").at(file, key);
    }
    for (Object element : list) {
      if (!(element instanceof Config table)) {
        throw new InvalidTierFileException(null, "must be an array of tables").at(file, key);
      }
      out.add(table);
    }
    return out;
  }

  List<R> all() {
    return records.stream().flatMap(Optional::stream).toList();
  }

  Optional<R> find(ArtifactId id) {
    int i = indexOf(id);
    return i < 0 ? Optional.empty() : records.get(i);
  }

  /** Updates the table of the record's artifact in place, or appends a new one. */
  void upsert(R record) {
    int i = indexOf(codec.id().apply(record));
    if (i < 0) {
      Config table = doc.createSubConfig();
      TomlFiles.merge(table, Map.of(), codec.fields().apply(record));
      tables.add(table);
      records.add(Optional.of(record));
    } else {
      TomlFiles.merge(
          tables.get(i),
          codec.fields().apply(records.get(i).orElseThrow()),
          codec.fields().apply(record));
      records.set(i, Optional.of(record));
    }
  }

  /** Removes every table of the artifact; returns whether there was one. */
  boolean remove(ArtifactId id) {
    boolean removed = false;
    int i;
    while ((i = indexOf(id)) >= 0) {
      tables.remove(i);
      records.remove(i);
      removed = true;
    }
    return removed;
  }

  private int indexOf(ArtifactId id) {
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).map(codec.id()).filter(id::equals).isPresent()) {
        return i;
      }
    }
    return -1;
  }
}
