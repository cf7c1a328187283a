package dev.tiersync.engine.sync;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.tier.SkillMeatSnapshots;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ArtifactPolicy;
import dev.tiersync.engine.tier.CollectionSidecar;
import dev.tiersync.engine.tier.DeployedArtifact;
import dev.tiersync.engine.tier.DeploymentSidecar;
import dev.tiersync.engine.tier.DeploymentTracking;
import dev.tiersync.engine.tier.InvalidEntry;
import dev.tiersync.engine.tier.RolledBack;
import dev.tiersync.engine.tier.SidecarRollback;
import dev.tiersync.engine.model.Tier;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.SidecarFile;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import dev.tiersync.engine.upstream.ResolvedRef;
import dev.tiersync.engine.upstream.UpstreamCache;
import dev.tiersync.engine.upstream.UpstreamRefNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads the versions of an artifact in each tier and the bases of both edges. Disk reads first put
 * back a version an interrupted apply left aside, so nothing ever reads a half-swapped artifact.
 */
public final class TierReader {
  private final DiskTreeReader disk;
  private final HistoryStore history;
  private final UpstreamCache upstream;
  private final TierFiles files = new TierFiles();

  /** Ends a {@link #pin}. */
  public interface Pin extends AutoCloseable {
    @Override
    void close();
  }
  private final SkillMeatVersions skillMeat;
  private final SkillMeatSnapshots snapshots = new SkillMeatSnapshots();

  public TierReader(DiskTreeReader disk, HistoryStore history, UpstreamCache upstream) {
    this.disk = disk;
    this.history = history;
    this.upstream = upstream;
    this.skillMeat = new SkillMeatVersions(this, history);
  }

  /** SkillMeat's collection snapshots, for the writers of its files. */
  SkillMeatSnapshots snapshots() {
    return snapshots;
  }

  /** SkillMeat's hashes of versions, for the writers of its files. */
  SkillMeatVersions skillMeat() {
    return skillMeat;
  }

  /**
   * The collection's manifest, or an empty one named after the folder when there is none. Entries
   * whose {@code upstream_path} SkillMeat dropped take it from the collection's sidecar.
   */
  public CollectionManifest manifest(TierScope scope) throws IOException {
    Path file = scope.collection().manifestFile();
    if (!Files.exists(file)) {
      return CollectionManifest.create(scope.collection().name(), java.time.Instant.EPOCH);
    }
    CollectionManifest manifest;
    try {
      manifest = CollectionManifest.load(file);
    } catch (NoSuchFileException e) {
      return CollectionManifest.create(scope.collection().name(), java.time.Instant.EPOCH);
    }
    files.read(scope.collection().sidecarFile(), CollectionSidecar::parse)
        .ifPresent(manifest::useSidecar);
    return manifest;
  }

  /**
   * {@link #manifest} shared by reads while {@code collection.toml} and its sidecar are unchanged
   * (a fleet read of 1,000 entries would else parse the file each time): the caller must not change
   * it, and must not hand it to anything that does.
   */
  public CollectionManifest sharedManifest(TierScope scope) throws IOException {
    return files
        .readPair(
            scope.collection().manifestFile(),
            scope.collection().sidecarFile(),
            (file, bytes, sidecar, sidecarBytes) -> {
              CollectionManifest m = CollectionManifest.parse(file, bytes);
              if (sidecarBytes != null) {
                m.useSidecar(CollectionSidecar.parse(sidecar, sidecarBytes));
              }
              return m;
            })
        .orElseGet(
            () -> CollectionManifest.create(scope.collection().name(), java.time.Instant.EPOCH));
  }

  /**
   * The artifacts of the collection (manifest and disk), plus those deployed in the project; from
   * the shared parsed files (a status list asks this first, under the same {@link #pin}).
   */
  public SortedSet<ArtifactId> artifacts(TierScope scope) throws IOException {
    CollectionManifest manifest =
        files.read(scope.collection().manifestFile(), CollectionManifest::parse)
            .orElseGet(() -> CollectionManifest.create(scope.collection().name(), java.time.Instant.EPOCH));
    SortedSet<ArtifactId> ids = new TreeSet<>(scope.collection().artifacts(manifest));
    if (scope.hasProject()) {
      Optional<DeploymentTracking> tracking =
          files.read(scope.project().trackingFile(), DeploymentTracking::parse);
      ids.addAll(scope.project().artifacts(tracking.orElseGet(DeploymentTracking::empty)));
    }
    return ids;
  }

  /** The project's tracking file, freshly parsed: for callers that change and save it. */
  public DeploymentTracking tracking(TierScope scope) throws IOException {
    return DeploymentTracking.load(scope.project().trackingFile());
  }

  /**
   * The artifact's entry in the collection's manifest, for reads: like {@link #deployed}, the parsed
   * manifest is reused while the file is unchanged.
   */
  public Optional<ManifestArtifact> manifestEntry(TierScope scope, ArtifactId id) throws IOException {
    Optional<ManifestArtifact> entry =
        files.read(scope.collection().manifestFile(), CollectionManifest::parse)
            .flatMap(manifest -> manifest.find(id));
    if (entry.isEmpty() || entry.get().upstreamPath() != null || entry.get().upstream() == null) {
      return entry;
    }
    String upstream = entry.get().upstream();
    return Optional.of(
        collectionSidecar(scope, id)
            .filter(s -> upstream.equals(s.upstream()) && s.upstreamPath() != null)
            .map(s -> entry.get().withUpstreamPath(s.upstreamPath()))
            .orElse(entry.get()));
  }

  /** tiersync's record of the artifact beside {@code collection.toml}, for reads. */
  public Optional<CollectionSidecar> collectionSidecar(TierScope scope, ArtifactId id)
      throws IOException {
    return files.read(scope.collection().sidecarFile(), CollectionSidecar::parse)
        .flatMap(sidecar -> sidecar.find(id));
  }

  /**
   * The artifact's hold and auto-update policy, for reads ({@link CollectionManifest#policy}: its
   * entry's keys, else the sidecar's copy); {@link ArtifactPolicy#NONE} for an artifact the
   * collection does not list.
   */
  public ArtifactPolicy policy(TierScope scope, ArtifactId id) throws IOException {
    Optional<CollectionManifest> manifest =
        files.read(scope.collection().manifestFile(), CollectionManifest::parse);
    if (manifest.isEmpty()) {
      return ArtifactPolicy.NONE;
    }
    return manifest
        .get()
        .policy(
            id,
            files.read(scope.collection().sidecarFile(), CollectionSidecar::parse)
                .map(CollectionSidecar::policies)
                .orElse(null));
  }

  /**
   * The artifact's last rollback in the collection or the project (tiersync's sidecar of that
   * tier), while the tier still holds the version it wrote ({@code currentHash}); empty otherwise,
   * also once the tier has moved on (the record itself is kept).
   */
  public Optional<RolledBack> rolledBack(
      TierScope scope, Tier tier, ArtifactId id, String currentHash) throws IOException {
    if (currentHash == null) {
      return Optional.empty();
    }
    Optional<? extends SidecarFile<?>> sidecar =
        tier == Tier.PROJECT
            ? files.read(scope.project().sidecarFile(), DeploymentSidecar::parse)
            : files.read(scope.collection().sidecarFile(), CollectionSidecar::parse);
    return sidecar
        .flatMap(s -> SidecarRollback.of(s).find(id))
        .map(SidecarRollback::rollback)
        .filter(r -> r.toHash().equals(currentHash));
  }

  /** tiersync's record of the artifact beside the project's tracking file, for reads. */
  public Optional<DeploymentSidecar> deploymentSidecar(TierScope scope, ArtifactId id)
      throws IOException {
    return files.read(scope.project().sidecarFile(), DeploymentSidecar::parse)
        .flatMap(sidecar -> sidecar.find(id));
  }

  /**
   * The project's tracking file and tiersync's records beside it, indexed by artifact: for reading
   * all the project's artifacts in one pass. Shared by reads while the bytes of both files are
   * unchanged (a fleet read indexes 1,000 entries per project, which cost as much as parsing).
   *
   * @throws dev.tiersync.engine.tier.InvalidTierFileException when a file cannot be read as a whole
   */
  public ProjectRecords projectRecords(TierScope scope) throws IOException {
    Optional<ProjectRecords> shared =
        files.readPair(
            scope.project().trackingFile(),
            scope.project().sidecarFile(),
            (file, bytes, sidecar, sidecarBytes) ->
                records(
                    Optional.of(DeploymentTracking.parse(file, bytes)),
                    Optional.ofNullable(sidecarBytes)
                        .map(b -> DeploymentSidecar.parse(sidecar, b))));
    if (shared.isPresent()) {
      return shared.get();
    }
    return records(
        Optional.empty(), files.read(scope.project().sidecarFile(), DeploymentSidecar::parse));
  }

  private static ProjectRecords records(
      Optional<DeploymentTracking> tracking, Optional<SidecarFile<DeploymentSidecar>> sidecar) {
    List<InvalidEntry> bad = new ArrayList<>();
    tracking.ifPresent(t -> bad.addAll(t.invalidEntries()));
    sidecar.ifPresent(s -> bad.addAll(s.invalidEntries()));
    return ProjectRecords.of(
        tracking.map(DeploymentTracking::entries).orElse(List.of()),
        sidecar.map(SidecarFile::entries).orElse(List.of()),
        bad);
  }

  /** tiersync's records beside {@code collection.toml}, by artifact, for one pass over many. */
  public Map<ArtifactId, CollectionSidecar> collectionSidecars(TierScope scope) throws IOException {
    Map<ArtifactId, CollectionSidecar> out = new HashMap<>();
    files.read(scope.collection().sidecarFile(), CollectionSidecar::parse)
        .ifPresent(s -> s.entries().forEach(r -> out.put(r.id(), r)));
    return out;
  }

  /**
   * The artifact's entry in the project's tracking file, for reads. The parsed file is reused while
   * its bytes are unchanged ({@link TierFiles}), so the status of n artifacts parses it once rather
   * than n times.
   */
  public Optional<DeployedArtifact> deployed(TierScope scope, ArtifactId id) throws IOException {
    return files.read(scope.project().trackingFile(), DeploymentTracking::parse)
        .flatMap(tracking -> tracking.find(id));
  }

  /**
   * The entries of the collection's {@code collection.toml} and, with a project, of its tracking
   * file that break a rule, in file order (the manifest's first), then those of tiersync's sidecar
   * files. Reuses the parsed files like {@link #deployed}.
   *
   * @throws dev.tiersync.engine.tier.InvalidTierFileException when one of the files cannot be read
   *     as a whole (not TOML), naming the file and line
   */
  public List<InvalidEntry> invalidEntries(TierScope scope) throws IOException {
    List<InvalidEntry> out = new ArrayList<>();
    files.read(scope.collection().manifestFile(), CollectionManifest::parse)
        .ifPresent(m -> out.addAll(m.invalidEntries()));
    if (scope.hasProject()) {
      files.read(scope.project().trackingFile(), DeploymentTracking::parse)
          .ifPresent(t -> out.addAll(t.invalidEntries()));
    }
    files.read(scope.collection().sidecarFile(), CollectionSidecar::parse)
        .ifPresent(s -> out.addAll(s.invalidEntries()));
    if (scope.hasProject()) {
      files.read(scope.project().sidecarFile(), DeploymentSidecar::parse)
          .ifPresent(s -> out.addAll(s.invalidEntries()));
    }
    return out;
  }

  /**
   * The invalid entries that name this artifact: while there is one, the artifact is in error and
   * is neither synced nor written to its tier files.
   */
  public List<InvalidEntry> invalidEntries(TierScope scope, ArtifactId id) throws IOException {
    return invalidEntries(scope).stream().filter(e -> id.equals(e.artifactId())).toList();
  }

  /**
   * Until the pin is closed, the reads of this thread see each tier file as its first read in the
   * pin found it: one view of the tier files for a read of many artifacts (a status list), which
   * then reads and compares each file once rather than once per artifact and look-up. A pin taken
   * while one is open changes nothing. Reads of the artifacts' own files are not pinned.
   */
  public Pin pin() {
    return files.pin();
  }

  public ArtifactTree collection(TierScope scope, ArtifactId id) throws IOException {
    return readDisk(scope.collection().artifactPath(id));
  }

  public ArtifactTree project(TierScope scope, ArtifactId id) throws IOException {
    return scope.hasProject() ? readDisk(scope.project().artifactPath(id)) : null;
  }

  ArtifactTree readDisk(Path path) throws IOException {
    AtomicArtifactWriter.restoreAside(path);
    return disk.read(path).orElse(null);
  }

  /**
   * The upstream side of an artifact listed in the manifest, or empty when it has no upstream.
   *
   * @throws dev.tiersync.engine.upstream.UpstreamUnavailableException when the repository cannot
   *     be reached and the mirror cannot answer
   * @throws UpstreamRefNotFoundException when the ref does not exist upstream
   */
  public Optional<UpstreamVersion> upstream(
      ManifestArtifact entry, FetchPolicy policy, FetchProgress progress) throws IOException {
    return upstream(
        entry,
        (repository, ref) -> upstream.resolve(repository, ref, policy, progress),
        (repository, sha, path) -> upstream.readArtifact(repository, sha, path, progress));
  }

  /** {@link #upstream(ManifestArtifact, FetchPolicy, FetchProgress)} through a memo (no progress). */
  public Optional<UpstreamVersion> upstreamThrough(
      ManifestArtifact entry, FetchPolicy policy, UpstreamMemo memo) throws IOException {
    return upstream(
        entry, (repository, ref) -> memo.resolve(repository, ref, policy), memo::tree);
  }

  /** A memo of upstream reads for a reader of many artifacts, over this reader's upstream cache. */
  public UpstreamMemo upstreamMemo() {
    return new UpstreamMemo(upstream);
  }

  private interface Heads {
    ResolvedRef resolve(String repository, String ref) throws IOException;
  }

  private interface Trees {
    Optional<ArtifactTree> read(String repository, String commitSha, String path) throws IOException;
  }

  private static Optional<UpstreamVersion> upstream(ManifestArtifact entry, Heads heads, Trees trees)
      throws IOException {
    Optional<UpstreamSpec> spec = entry == null ? Optional.empty() : entry.upstreamSpec();
    if (spec.isEmpty()) {
      return Optional.empty();
    }
    UpstreamSpec s = spec.get();
    ResolvedRef head = heads.resolve(s.repository(), s.ref());
    ArtifactTree tree = trees.read(s.repository(), head.commitSha(), s.path()).orElse(null);
    String baseSha = entry.resolvedSha();
    ArtifactTree baseTree = null;
    if (baseSha != null && !baseSha.isBlank()) {
      try {
        baseTree = trees.read(s.repository(), baseSha, s.path()).orElse(null);
      } catch (UpstreamRefNotFoundException e) {
        // The recorded commit is gone upstream (force-push); the edge merges without a base.
        baseTree = null;
      }
    }
    return Optional.of(new UpstreamVersion(s, head, tree, baseSha, baseTree));
  }

  /**
   * The collection→project base, from either tool's records (see {@code docs/skillmeat.md}):
   *
   * <ol>
   *   <li>tiersync's sidecar record, while it is the one written with the SkillMeat record (else
   *       SkillMeat has deployed since and its record wins);
   *   <li>the version the SkillMeat record's {@code content_hash} names: a tiersync hash (records
   *       an older tiersync wrote), the collection copy tiersync last wrote, a version the history
   *       store knows by that SkillMeat hash, the current collection or project copy when
   *       SkillMeat hashes it so (an unedited side of a {@code skillmeat deploy}), or the copy in
   *       a collection snapshot SkillMeat took when it deployed ({@link SkillMeatSnapshots}).
   * </ol>
   *
   * Null when no record names a version tiersync can find: the merge is then two-way.
   */
  public ArtifactTree projectBase(
      TierScope scope, ArtifactId id, ArtifactTree collection, ArtifactTree project)
      throws IOException {
    DeployedArtifact deployed = deployed(scope, id).orElse(null);
    if (deployed == null || deployed.contentHash().isBlank()) {
      return null;
    }
    return projectBase(
        scope, id, collection, project, deployed,
        deploymentSidecar(scope, id).orElse(null), () -> collectionSidecar(scope, id),
        history::get);
  }

  /** Looks a record up only when it is needed. */
  @FunctionalInterface
  public interface RecordLookup<T> {
    Optional<T> find() throws IOException;
  }

  /** Finds a stored version by its content hash, as {@link HistoryStore#get} does. */
  @FunctionalInterface
  public interface VersionLookup {
    Optional<ArtifactTree> get(String contentHash) throws IOException;
  }

  /**
   * {@link #projectBase(TierScope, ArtifactId, ArtifactTree, ArtifactTree)} from records the
   * caller has read already (from {@link #projectRecords} and {@link #collectionSidecars}), for
   * reading many artifacts in one pass.
   *
   * @param deployed the artifact's tracking entry, or null
   * @param ownRecord tiersync's record of it beside the tracking file, or null
   * @param written tiersync's record of it beside {@code collection.toml}
   * @param stored the history store's versions, or a cache of them
   */
  public ArtifactTree projectBase(
      TierScope scope,
      ArtifactId id,
      ArtifactTree collection,
      ArtifactTree project,
      DeployedArtifact deployed,
      DeploymentSidecar ownRecord,
      RecordLookup<CollectionSidecar> written,
      VersionLookup stored)
      throws IOException {
    if (deployed == null || deployed.contentHash().isBlank()) {
      return null;
    }
    return projectBase(
        scope, id, collection, deployed.contentHash(),
        ownRecord != null && ownRecord.matches(deployed) ? ownRecord.baseHash() : null,
        project,
        () -> skillMeat.ofCopy(scope.project().artifactPath(id), project),
        written, stored);
  }

  /**
   * The collection→project base of a project on another host, from the records its agent read
   * ({@code side}); null when the project has no tracking entry for the artifact.
   *
   * @param project the project's version ({@code side}'s project hash), or null
   */
  public ArtifactTree projectBase(
      TierScope scope, ArtifactId id, ArtifactTree collection, ArtifactTree project,
      ProjectSide side)
      throws IOException {
    if (side.deployedHash() == null || side.deployedHash().isBlank()) {
      return null;
    }
    return projectBase(
        scope, id, collection, side.deployedHash(), side.recordedBaseHash(), project,
        side::projectSkillMeatHash, () -> collectionSidecar(scope, id), history::get);
  }

  /** SkillMeat's hash of the project's copy, computed only when it is needed. */
  @FunctionalInterface
  public interface CopyHash {
    String get() throws IOException;
  }

  /**
   * The collection→project base from the records' values rather than the files: for a project on
   * another host, whose agent read them ({@link dev.tiersync.engine.model.ProjectSide}).
   *
   * @param deployedHash the tracking entry's {@code content_hash}, not blank
   * @param recordedBase tiersync's record of the base, when it was written with that entry; or null
   * @param project the project's version, or null
   * @param projectCopy SkillMeat's hash of the project's copy (asked only when {@code project} is
   *     not null)
   */
  public ArtifactTree projectBase(
      TierScope scope,
      ArtifactId id,
      ArtifactTree collection,
      String deployedHash,
      String recordedBase,
      ArtifactTree project,
      CopyHash projectCopy,
      RecordLookup<CollectionSidecar> written,
      VersionLookup stored)
      throws IOException {
    if (recordedBase != null) {
      Optional<ArtifactTree> base = stored.get(recordedBase);
      if (base.isPresent()) {
        return base.get();
      }
    }
    String hash = deployedHash;
    Optional<ArtifactTree> found = stored.get(hash);
    if (found.isEmpty()) {
      Optional<CollectionSidecar> record =
          written.find().filter(s -> s.skillMeatHash().equals(hash));
      if (record.isPresent()) {
        found = stored.get(record.get().contentHash());
      }
    }
    if (found.isEmpty()) {
      found = history.bySkillMeatHash(hash);
    }
    if (found.isPresent()) {
      return found.get();
    }
    if (collection != null
        && skillMeat.ofCopy(scope.collection().artifactPath(id), collection).equals(hash)) {
      return collection;
    }
    if (project != null && hash.equals(projectCopy.get())) {
      return project;
    }
    Optional<ArtifactTree> deployedThen = snapshots.find(scope.collection().root(), id, hash);
    if (deployedThen.isPresent()) {
      history.put(deployedThen.get());
      history.aliasSkillMeatHash(hash, deployedThen.get().contentHash());
      return deployedThen.get();
    }
    return null;
  }
}
