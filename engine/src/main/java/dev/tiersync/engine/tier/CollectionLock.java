package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A collection's {@code collection.lock}: {@code [lock]} with a format {@code version} and one
 * {@code [lock.entries."name::type"]} table per artifact. Rewriting keeps unknown keys, entries of
 * other SkillMeat types, key order and the form of unchanged values. An entry that breaks a rule is
 * kept as written and reported by {@link #invalidEntries()}; writes to its artifact are refused.
 * Not thread-safe.
 */
public final class CollectionLock {
  private static final String ENTRIES = "lock.entries";

  private final CommentedConfig doc;
  private final Config entries;

  /** The entries tiersync manages, by id, with the key each has in the file. */
  private final Map<ArtifactId, String> keys = new LinkedHashMap<>();

  private final Map<ArtifactId, LockEntry> parsed = new LinkedHashMap<>();

  /** The entries that break a rule: kept as written, never used or rewritten. */
  private final List<InvalidEntry> invalid = new java.util.ArrayList<>();

  private CollectionLock(CommentedConfig doc, Path file) {
    this.doc = doc;
    Config lock = TomlFiles.located(file, "", () -> TomlValues.table(doc, "lock"));
    lock.valueMap().putIfAbsent("version", CollectionManifest.FORMAT_VERSION);
    this.entries = TomlFiles.located(file, "lock", () -> TomlValues.table(lock, "entries"));
    entries
        .valueMap()
        .forEach(
            (key, value) -> {
              try {
                TomlFiles.checked(file, ENTRIES + ".\"" + key + "\"", () -> parse(key, value));
              } catch (InvalidTierFileException e) {
                invalid.add(new InvalidEntry(file, e.field(), null, rawId(key), e.reason()));
              }
            });
  }

  /** The artifact an entry's key names, or null when it names none. */
  private static ArtifactId rawId(String key) {
    int sep = key.lastIndexOf("::");
    return sep < 0
        ? null
        : TierValues.rawId(key.substring(sep + 2), key.substring(0, sep), (n, t) -> n).orElse(null);
  }

  private void parse(String key, Object value) {
    ArtifactId raw = rawId(key);
    if (raw != null && parsed.containsKey(raw)) {
      throw new InvalidTierFileException(
          null, "a second entry for " + raw + " (the first is \"" + keys.get(raw) + "\"); keep one of them");
    }
    int sep = key.lastIndexOf("::");
    if (sep < 0) {
      throw new InvalidTierFileException(null, "key must be 'name::type'");
    }
    if (!(value instanceof Config table)) {
      throw new InvalidTierFileException(null, "must be a table");
    }
    // Problems with the name or type are reported against the entry's key, which holds them.
    TierValues.type(key.substring(sep + 2), null)
        .ifPresent(
            type -> {
              ArtifactId id = TierValues.id(type, key.substring(0, sep), null);
              keys.put(id, key);
              parsed.put(id, LockEntry.read(id, table));
            });
  }

  /** Reads a lock file; a missing file is an empty lock, as in SkillMeat. */
  public static CollectionLock load(Path file) throws IOException {
    return new CollectionLock(TomlFiles.read(file).orElseGet(TomlFiles::newDocument), file);
  }

  /** An empty lock. */
  public static CollectionLock empty() {
    return new CollectionLock(TomlFiles.newDocument(), null);
  }

  /** The entries tiersync manages, in file order. */
  public List<LockEntry> entries() {
    return List.copyOf(parsed.values());
  }

  /** The entries that break a rule, in file order; they are kept in the file as written. */
  public List<InvalidEntry> invalidEntries() {
    return List.copyOf(invalid);
  }

  public Optional<LockEntry> find(ArtifactId id) {
    return Optional.ofNullable(parsed.get(id));
  }

  /** Adds the entry or rewrites the changed keys of the existing one. */
  public void upsert(LockEntry entry) {
    InvalidTierFileException.refuseIfInvalid(invalid, entry.id());
    LockEntry before = parsed.get(entry.id());
    String key = keys.computeIfAbsent(entry.id(), ArtifactId::lockKey);
    Config table = TomlValues.table(entries, key);
    TomlValues.merge(table, before == null ? Map.of() : before.fields(), entry.fields());
    parsed.put(entry.id(), entry);
  }

  /** Removes the artifact's entry; returns whether there was one. */
  public boolean remove(ArtifactId id) {
    InvalidTierFileException.refuseIfInvalid(invalid, id);
    String key = keys.remove(id);
    parsed.remove(id);
    return key != null && entries.valueMap().remove(key) != null;
  }


  /** Writes the lock file atomically. */
  public void save(Path file) throws IOException {
    TomlFiles.write(file, doc);
  }
}
