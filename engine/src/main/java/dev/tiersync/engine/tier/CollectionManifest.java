package dev.tiersync.engine.tier;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.tiersync.engine.model.ArtifactId;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A collection's {@code collection.toml}: the {@code [collection]} table (name, version, created,
 * updated) and one {@code [[artifacts]]} table per artifact.
 *
 * <p>Rewriting keeps what tiersync does not manage: unknown keys and tables at every level
 * (SkillMeat's {@code [artifacts.metadata]}, {@code [[groups]]}, ...), entries of other SkillMeat
 * types, key order, and the form of every value it does not change. Not thread-safe.
 */
public final class CollectionManifest {
  /** The {@code [collection].version} SkillMeat writes (the manifest format, not a release). */
  public static final String FORMAT_VERSION = "1.0.0";

  private static final String ARTIFACTS = "artifacts";
  private static final TableArray.Codec<ManifestArtifact> CODEC =
      new TableArray.Codec<>(
          CollectionManifest::readEntry,
          ManifestArtifact::fields,
          ManifestArtifact::id,
          ManifestArtifact::rawId);

  private final CommentedConfig doc;
  private final Config collection;
  private final TableArray<ManifestArtifact> artifacts;

  /** The sidecar's policy copies, for entries SkillMeat stripped of theirs; null when not read. */
  private SidecarFile<SidecarPolicy> policyCopies;

  private CollectionManifest(CommentedConfig doc, Path file) {
    this.doc = doc;
    this.collection = TomlFiles.located(file, "", () -> TomlValues.table(doc, "collection"));
    collectionFirst(doc);
    TomlFiles.checked(
        file,
        "collection",
        () -> {
          TierValues.required(TomlValues.string(collection, "name"), "name");
          TomlValues.string(collection, "version");
          TomlValues.instant(collection, "created");
          TomlValues.instant(collection, "updated");
        });
    this.artifacts = new TableArray<>(doc, ARTIFACTS, CODEC, file);
  }

  /**
   * An entry with its policy keys checked: a bad value ({@code hold = "yes"}) makes the entry
   * invalid, like any other key that breaks a rule, rather than failing every later read.
   */
  private static Optional<ManifestArtifact> readEntry(Config t) {
    Optional<ManifestArtifact> entry = ManifestArtifact.read(t);
    entry.ifPresent(e -> ArtifactPolicy.read(t));
    return entry;
  }

  /**
   * SkillMeat writes {@code [collection]} before {@code [[artifacts]]}; a document that starts
   * with {@code artifacts = []} (as {@code skillmeat init} writes an empty collection) would else
   * put the first artifact added above it.
   */
  private static void collectionFirst(CommentedConfig doc) {
    Map<String, Object> values = doc.valueMap();
    if (!values.keySet().iterator().next().equals("collection")) {
      Map<String, Object> rest = new LinkedHashMap<>(values);
      Object collection = rest.remove("collection");
      values.clear();
      values.put("collection", collection);
      values.putAll(rest);
    }
  }

  /**
   * Reads a manifest.
   *
   * @throws NoSuchFileException when the file does not exist (the collection does not)
   * @throws InvalidTierFileException when the file cannot be read as a whole (not TOML, a broken
   *     {@code [collection]} table, {@code artifacts} not an array of tables); an entry that breaks
   *     a rule is an {@link #invalidEntries() invalid entry} instead
   */
  public static CollectionManifest load(Path file) throws IOException {
    return new CollectionManifest(
        TomlFiles.read(file).orElseThrow(() -> new NoSuchFileException(file.toString())), file);
  }

  /** Parses a manifest from the bytes of {@code file}, read by the caller. */
  public static CollectionManifest parse(Path file, byte[] bytes) {
    return new CollectionManifest(TomlFiles.parse(file, bytes), file);
  }

  /** A new, empty manifest as {@code skillmeat init} writes it. */
  public static CollectionManifest create(String name, Instant now) {
    CommentedConfig doc = TomlFiles.newDocument();
    doc.valueMap().put(ARTIFACTS, new ArrayList<>());
    Config collection = TomlValues.table(doc, "collection");
    collection.valueMap().put("name", name);
    collection.valueMap().put("version", FORMAT_VERSION);
    TomlValues.putInstant(collection, "created", now);
    TomlValues.putInstant(collection, "updated", now);
    return new CollectionManifest(doc, null);
  }

  /** {@code [collection].name}. */
  public String name() {
    return TomlValues.string(collection, "name");
  }

  /** {@code [collection].version}, or null. */
  public String version() {
    return TomlValues.string(collection, "version");
  }

  /** {@code [collection].created}, or null. */
  public Instant created() {
    return TomlValues.instant(collection, "created");
  }

  /** {@code [collection].updated}, or null. */
  public Instant updated() {
    return TomlValues.instant(collection, "updated");
  }

  /** Sets {@code [collection].updated}; SkillMeat bumps it on every write of the manifest. */
  public void touch(Instant now) {
    TomlValues.putInstant(collection, "updated", now);
  }

  /** The entries tiersync manages, in file order. */
  public List<ManifestArtifact> artifacts() {
    return artifacts.all();
  }

  /**
   * The {@code [[artifacts]]} entries that break a rule, in file order: kept in the file as
   * written, never listed by {@link #artifacts()}.
   */
  public List<InvalidEntry> invalidEntries() {
    return artifacts.invalid();
  }

  public Optional<ManifestArtifact> find(ArtifactId id) {
    return artifacts.find(id);
  }

  /**
   * Adds the entry, or updates the existing entry of the same artifact: only the keys whose value
   * changed are rewritten, everything else in its table stays as it was. A legacy {@code git}
   * origin is written as {@code local}, the only one of SkillMeat's origins that fits a Git
   * upstream not on GitHub.
   *
   * @throws InvalidTierFileException when an invalid entry names the artifact (it is not touched)
   */
  public void upsert(ManifestArtifact artifact) {
    artifacts.upsert(artifact.withOrigin(artifact.origin().writable()));
  }

  /**
   * Takes the artifact's entry (with its metadata) out of the manifest.
   *
   * @return false when the manifest has no entry for it
   * @throws InvalidTierFileException when an invalid entry names the artifact (nothing is removed)
   */
  public boolean remove(ArtifactId id) {
    return artifacts.remove(id);
  }

  /**
   * Takes from the collection's sidecar what SkillMeat drops when it rewrites {@code
   * collection.toml}, where the sidecar's record was written for the entry's {@code upstream}: the
   * {@code upstream_path} of the entries that lack it, and the {@link #policy policy} of those
   * without any policy key. The file is not changed: a later rewrite leaves the keys out as
   * SkillMeat did.
   */
  public void useSidecar(SidecarFile<CollectionSidecar> sidecar) {
    for (ManifestArtifact a : artifacts.all()) {
      if (a.upstreamPath() == null && a.upstream() != null) {
        sidecar
            .find(a.id())
            .filter(s -> a.upstream().equals(s.upstream()) && s.upstreamPath() != null)
            .ifPresent(s -> artifacts.assume(a.withUpstreamPath(s.upstreamPath())));
      }
    }
    policyCopies = CollectionSidecar.policies(sidecar);
  }

  /**
   * Replaces the artifact's {@code [artifacts.metadata]} table, as SkillMeat's {@code update} does
   * when it re-reads the artifact's front matter: everything in it, {@code extra} included, is
   * rebuilt from {@code metadata} (plain values, lists and maps; nulls are left out).
   *
   * @return false when the manifest has no usable entry for the artifact
   */
  public boolean replaceMetadata(ArtifactId id, Map<String, Object> metadata) {
    Optional<Config> table = artifacts.table(id);
    table.ifPresent(t -> t.valueMap().put("metadata", TomlValues.tableOf(t, metadata)));
    return table.isPresent();
  }

  /**
   * The artifact's hold and auto-update policy: its entry's policy keys, or when it has none the
   * copy of the sidecar {@link #useSidecar} read; {@link ArtifactPolicy#NONE} when neither has one
   * or the manifest does not list the artifact.
   */
  public ArtifactPolicy policy(ArtifactId id) {
    return policy(id, policyCopies);
  }

  /**
   * {@link #policy(ArtifactId)} with the sidecar's policy copies given (null: none). Changes
   * nothing, so a manifest shared by readers can answer it.
   */
  public ArtifactPolicy policy(ArtifactId id, SidecarFile<SidecarPolicy> copies) {
    Optional<Config> table = artifacts.table(id);
    if (table.isEmpty()) {
      return ArtifactPolicy.NONE;
    }
    if (ArtifactPolicy.writtenIn(table.get()) || copies == null) {
      return ArtifactPolicy.read(table.get());
    }
    String upstream = artifacts.find(id).map(ManifestArtifact::upstream).orElse(null);
    return copies
        .find(id)
        .filter(c -> Objects.equals(upstream, c.upstream()))
        .map(SidecarPolicy::policy)
        .orElse(ArtifactPolicy.NONE);
  }

  /**
   * Writes the artifact's policy keys and nothing else: a key whose value is unchanged stays as
   * written, a default value ({@code hold = false}, {@code auto_update = "off"}) or an absent one
   * removes its key, the entry's other keys and their forms are left alone.
   *
   * @return false when the manifest has no usable entry for the artifact
   * @throws InvalidTierFileException when an invalid entry names the artifact (it is not touched)
   */
  public boolean setPolicy(ArtifactId id, ArtifactPolicy policy) {
    InvalidTierFileException.refuseIfInvalid(artifacts.invalid(), id);
    Optional<Config> table = artifacts.table(id);
    table.ifPresent(
        t -> {
          Map<String, Object> after = policy.fields();
          TomlValues.merge(t, ArtifactPolicy.read(t).fields(), after);
          // merge keeps a key whose meaning did not change, but a written default goes too.
          after.forEach((key, value) -> {
            if (value == null) {
              t.valueMap().remove(key);
            }
          });
        });
    return table.isPresent();
  }

  /** The artifact's {@code [artifacts.metadata]} table as plain maps, or empty. */
  public Optional<Map<String, Object>> metadata(ArtifactId id) {
    return artifacts
        .table(id)
        .map(t -> t.valueMap().get("metadata"))
        .filter(Config.class::isInstance)
        .map(m -> TomlValues.plain((Config) m));
  }

  /** Writes the manifest atomically. */
  public void save(Path file) throws IOException {
    TomlFiles.write(file, doc);
  }
}
