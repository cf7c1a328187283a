package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A file of tiersync's own records beside a SkillMeat file: {@link CollectionSidecar} beside
 * {@code collection.toml} and {@code collection.lock}, {@link DeploymentSidecar} beside {@code
 * .skillmeat-deployed.toml}. SkillMeat rebuilds its files from its own data classes on every write
 * and keeps no key it does not know, so tiersync's hash and bookkeeping live here, where SkillMeat
 * never looks (see {@code docs/skillmeat.md}).
 *
 * <p>One table per artifact, {@code [<table>."<type>:<name>"]}. Each record names the SkillMeat
 * hash that was written into the SkillMeat file together with it; when the SkillMeat file holds
 * another hash, SkillMeat has deployed or updated the artifact since and the record is stale.
 *
 * <p>An entry that breaks a rule is kept as written and reported by {@link #invalidEntries()},
 * like a bad entry of a tier file; writes to its artifact are refused. Not thread-safe: callers
 * rewrite it under the same {@link TierWriteLock} as the SkillMeat file it accompanies.
 */
public final class SidecarFile<R> {
  /** Maps one table to a record and back. */
  record Codec<R>(
      String table,
      BiFunction<ArtifactId, Config, R> read,
      Function<R, ArtifactId> id,
      Function<R, LinkedHashMap<String, Object>> fields) {}

  private final CommentedConfig doc;
  private final Path file;
  private final Codec<R> codec;
  /** The file's table of these records; null until the first record is added to a file without. */
  private Config entries;
  private final Map<ArtifactId, R> records = new LinkedHashMap<>();
  private final Map<ArtifactId, String> keys = new LinkedHashMap<>();
  private final List<InvalidEntry> invalid = new ArrayList<>();

  private SidecarFile(CommentedConfig doc, Path file, Codec<R> codec) {
    this.doc = doc;
    this.file = file;
    this.codec = codec;
    // Reading never adds the table: a parsed file may be shared by readers on several threads.
    this.entries =
        doc.valueMap().containsKey(codec.table())
            ? TomlFiles.located(file, "", () -> TomlValues.table(doc, codec.table()))
            : null;
    if (entries == null) {
      return;
    }
    entries
        .valueMap()
        .forEach(
            (key, value) -> {
              String where = codec.table() + ".\"" + key + "\"";
              ArtifactId id = null;
              try {
                id = ArtifactId.parse(key);
                ArtifactId parsed = id;
                if (!(value instanceof Config table)) {
                  throw new InvalidTierFileException(null, "must be a table");
                }
                R record = TomlFiles.located(file, where, () -> codec.read().apply(parsed, table));
                records.put(id, record);
                keys.put(id, key);
              } catch (InvalidArtifactIdException e) {
                invalid.add(new InvalidEntry(file, where, null, null, e.getMessage()));
              } catch (InvalidTierFileException e) {
                String field = e.field() == null ? where : e.field();
                invalid.add(new InvalidEntry(file, field, null, id, e.reason()));
              }
            });
  }

  static <R> SidecarFile<R> load(Path file, Codec<R> codec) throws IOException {
    return new SidecarFile<>(TomlFiles.read(file).orElseGet(TomlFiles::newDocument), file, codec);
  }

  static <R> SidecarFile<R> parse(Path file, byte[] bytes, Codec<R> codec) {
    return new SidecarFile<>(TomlFiles.parse(file, bytes), file, codec);
  }

  /** The usable records, in file order. */
  public List<R> entries() {
    return List.copyOf(records.values());
  }

  /** The entries that break a rule, in file order; they are kept in the file as written. */
  public List<InvalidEntry> invalidEntries() {
    return List.copyOf(invalid);
  }

  public Optional<R> find(ArtifactId id) {
    return Optional.ofNullable(records.get(id));
  }

  /**
   * Adds the record or replaces the artifact's record.
   *
   * @throws InvalidTierFileException when an invalid entry names the artifact (it is not touched)
   */
  public void upsert(R record) {
    ArtifactId id = codec.id().apply(record);
    InvalidTierFileException.refuseIfInvalid(invalid, id);
    String key = keys.computeIfAbsent(id, ArtifactId::toString);
    if (entries == null) {
      entries = TomlValues.table(doc, codec.table());
    }
    Config table = entries.createSubConfig();
    TomlValues.merge(table, Map.of(), codec.fields().apply(record));
    entries.valueMap().put(key, table);
    records.put(id, record);
  }

  /**
   * Removes the artifact's record; returns whether there was one.
   *
   * @throws InvalidTierFileException when an invalid entry names the artifact (nothing is removed)
   */
  public boolean remove(ArtifactId id) {
    InvalidTierFileException.refuseIfInvalid(invalid, id);
    String key = keys.remove(id);
    records.remove(id);
    return key != null && entries.valueMap().remove(key) != null;
  }

  /**
   * The records of another table of the same file, read from this document: a change made through
   * either is written by the other's {@link #save}.
   */
  <S> SidecarFile<S> table(Codec<S> other) {
    return new SidecarFile<>(doc, file, other);
  }

  /** Writes the file atomically, creating its folder if needed. */
  public void save(Path file) throws IOException {
    TomlFiles.write(file, doc);
  }

  /** A required 64-digit lower-case hex hash. */
  static String hash(Config table, String key) {
    String value = TierValues.required(TomlValues.string(table, key), key);
    if (!value.matches("[0-9a-f]{64}")) {
      throw new InvalidTierFileException(key, "must be a 64-digit lower-case hex hash");
    }
    return value;
  }
}
