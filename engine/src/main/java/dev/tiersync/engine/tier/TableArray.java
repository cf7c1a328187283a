package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An array of tables ({@code [[artifacts]]}, {@code [[deployed]]}) seen as records keyed by
 * artifact id. Tables of types tiersync does not manage stay in the array but are not exposed.
 *
 * <p>Each table is read on its own: one that breaks a rule (or a second table for an artifact
 * already listed) becomes an {@link InvalidEntry} and the others are read as usual. Invalid tables
 * stay in the array as they were read, and no write touches them: {@link #upsert} and {@link
 * #remove} of an artifact that an invalid table names are refused.
 */
final class TableArray<R> {
  /**
   * Maps one table to a record and back.
   *
   * @param read the record of a table, or empty when the table is of a type tiersync does not
   *     manage
   * @param fields the record's keys in the order a new table should have them; null means absent
   * @param id the artifact a record describes
   * @param rawId the artifact a table names, read leniently from a table that may break other
   *     rules; empty when it names no valid artifact
   */
  record Codec<R>(
      Function<Config, Optional<R>> read,
      Function<R, LinkedHashMap<String, Object>> fields,
      Function<R, ArtifactId> id,
      Function<Config, Optional<ArtifactId>> rawId) {}

  private final CommentedConfig doc;
  private final String key;
  private final Codec<R> codec;
  private final Path file;
  private final List<Config> tables;
  private final List<Optional<R>> records = new ArrayList<>();

  /** Parallel to {@link #tables}: the problem of each table, or null for a usable one. */
  private final List<InvalidEntry> problems = new ArrayList<>();

  /**
   * The position of each usable record by artifact id (ids are unique among them): the status of n
   * artifacts looks each one up in a shared parsed file, which a scan of the array made quadratic.
   * Filled by the constructor (so readers on other threads see it whole) and kept up to date by
   * the writes, which only callers holding their own freshly parsed copy make.
   */
  private final Map<ArtifactId, Integer> positions = new HashMap<>();

  TableArray(CommentedConfig doc, String key, Codec<R> codec, Path file) {
    this.doc = doc;
    this.key = key;
    this.codec = codec;
    this.file = file;
    this.tables = tables(doc.valueMap().get(key), file);
    doc.valueMap().put(key, tables);
    // The parser keeps one comment for the whole array (the last one above a [[key]] header)
    // and the writer would repeat it above every element: drop it rather than multiply it.
    doc.removeComment(List.of(key));
    List<Integer> lines = null;
    for (int i = 0; i < tables.size(); i++) {
      Config table = tables.get(i);
      String where = key + "[" + i + "]";
      Optional<R> record;
      InvalidEntry problem = null;
      try {
        record = TomlFiles.located(file, where, () -> codec.read().apply(table));
      } catch (InvalidTierFileException e) {
        record = Optional.empty();
        problem = new InvalidEntry(file, e.field(), null, rawId(table).orElse(null), e.reason());
      }
      if (record.isPresent()) {
        ArtifactId id = codec.id().apply(record.get());
        Integer first = positions.putIfAbsent(id, i);
        if (first != null) {
          record = Optional.empty();
          problem =
              new InvalidEntry(
                  file,
                  where,
                  null,
                  id,
                  "a second entry for "
                      + id
                      + " (the first is "
                      + key
                      + "["
                      + first
                      + "]); keep one of them");
        }
      }
      if (problem != null) {
        if (lines == null) {
          lines = TomlFiles.arrayHeaderLines(file, key);
        }
        Integer line = lines.size() == tables.size() ? lines.get(i) : null;
        problem =
            new InvalidEntry(problem.file(), problem.field(), line, problem.artifactId(), problem.reason());
      }
      records.add(record);
      problems.add(problem);
    }
  }

  private Optional<ArtifactId> rawId(Config table) {
    try {
      return codec.rawId().apply(table);
    } catch (RuntimeException e) {
      return Optional.empty();
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

  /** The usable records, in file order. */
  List<R> all() {
    return records.stream().flatMap(Optional::stream).toList();
  }

  /** The tables that break a rule, in file order. */
  List<InvalidEntry> invalid() {
    return problems.stream().filter(Objects::nonNull).toList();
  }

  Optional<R> find(ArtifactId id) {
    int i = indexOf(id);
    return i < 0 ? Optional.empty() : records.get(i);
  }

  /**
   * Updates the table of the record's artifact in place, or appends a new one.
   *
   * @throws InvalidTierFileException when an invalid table names the artifact (it is not touched)
   */
  void upsert(R record) {
    ArtifactId id = codec.id().apply(record);
    refuseInvalid(id);
    int i = indexOf(id);
    if (i < 0) {
      Config table = doc.createSubConfig();
      TomlValues.merge(table, Map.of(), codec.fields().apply(record));
      tables.add(table);
      records.add(Optional.of(record));
      problems.add(null);
      positions.put(id, records.size() - 1);
    } else {
      TomlValues.merge(
          tables.get(i),
          codec.fields().apply(records.get(i).orElseThrow()),
          codec.fields().apply(record));
      records.set(i, Optional.of(record));
    }
  }

  /** The table of the artifact's usable entry, for keys no record models; empty when none. */
  Optional<Config> table(ArtifactId id) {
    int i = indexOf(id);
    return i < 0 ? Optional.empty() : Optional.of(tables.get(i));
  }

  /**
   * Replaces the record of an artifact as if its table held it, leaving the table as it is: a later
   * {@link #upsert} writes only what differs from this record. For values kept outside the file
   * (a sidecar's) that a rewrite should not copy into it.
   */
  void assume(R record) {
    int i = indexOf(codec.id().apply(record));
    if (i >= 0) {
      records.set(i, Optional.of(record));
    }
  }

  /**
   * Removes every table of the artifact; returns whether there was one.
   *
   * @throws InvalidTierFileException when an invalid table names the artifact (nothing is removed)
   */
  boolean remove(ArtifactId id) {
    refuseInvalid(id);
    boolean removed = false;
    int i;
    while ((i = indexOf(id)) >= 0) {
      tables.remove(i);
      records.remove(i);
      problems.remove(i);
      removed = true;
      reindex();
    }
    return removed;
  }

  private void refuseInvalid(ArtifactId id) {
    for (InvalidEntry p : problems) {
      if (p != null && id.equals(p.artifactId())) {
        throw InvalidTierFileException.untouchable(p);
      }
    }
  }

  private int indexOf(ArtifactId id) {
    return positions.getOrDefault(id, -1);
  }

  private void reindex() {
    positions.clear();
    for (int i = 0; i < records.size(); i++) {
      int at = i;
      records.get(i).ifPresent(r -> positions.putIfAbsent(codec.id().apply(r), at));
    }
  }
}
