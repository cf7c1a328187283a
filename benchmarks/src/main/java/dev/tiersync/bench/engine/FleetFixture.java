package dev.tiersync.bench.engine;

import dev.tiersync.engine.apply.AtomicArtifactWriter;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.history.HistoryStore;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierReader;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A fleet for the fleet-scale benchmarks, under one folder: a collection {@code default} of N
 * skills (five files each) deployed by the engine into P projects (the first artifact by
 * artifact, the others copied from it, tracking files included), with a data dir ({@code home})
 * holding the history store the deploys wrote. Optionally the skills come from an upstream Git
 * repository ({@code upstream}, its {@code main} at one commit) that the collection entries follow
 * and were synced from.
 */
public final class FleetFixture implements AutoCloseable {
  final Path root;
  final CollectionLayout collection;
  final List<ProjectLayout> projects = new ArrayList<>();
  final HistoryStore history;
  final UpstreamCache upstream;
  final SyncEngine engine;

  private FleetFixture(Path root) {
    this.root = root;
    this.collection = new CollectionLayout(root.resolve("collections/default"));
    Path home = root.resolve("home");
    this.history = HistoryStore.open(home);
    this.upstream = new UpstreamCache(home);
    this.engine =
        new SyncEngine(
            new TierReader(new DiskTreeReader(new HashCache()), history, upstream),
            history,
            new StatusCalculator(),
            new AtomicArtifactWriter(),
            Clock.systemUTC());
  }

  /**
   * Makes the fleet.
   *
   * @param fromUpstream whether the collection's skills follow an upstream repository
   */
  public static FleetFixture create(Path root, int artifacts, int projects, boolean fromUpstream)
      throws IOException {
    Path skills =
        fromUpstream ? root.resolve("upstream/skills") : root.resolve("collections/default/skills");
    for (int i = 0; i < artifacts; i++) {
      writeSkill(skills.resolve(name(i)), name(i));
    }
    String url = null;
    String head = null;
    if (fromUpstream) {
      url = root.resolve("upstream").toUri().toString();
      head = commitAll(root.resolve("upstream")).name();
      copyTree(skills, root.resolve("collections/default/skills"));
    }
    CollectionManifest manifest = CollectionManifest.create("default", Instant.EPOCH);
    for (int i = 0; i < artifacts; i++) {
      ArtifactId id = ArtifactId.parse("skill:" + name(i));
      manifest.upsert(
          fromUpstream
              ? ManifestArtifact.fromUpstream(id, url, "skills/" + name(i), "main", Instant.EPOCH)
                  .withResolved(head, null, Instant.EPOCH)
              : ManifestArtifact.local(id, Instant.EPOCH));
    }
    manifest.save(root.resolve("collections/default").resolve(CollectionLayout.MANIFEST_FILE));
    FleetFixture fleet = new FleetFixture(root);
    fleet.deploy(artifacts, projects);
    return fleet;
  }

  private void deploy(int artifacts, int count) throws IOException {
    Path first = root.resolve("projects/p0");
    Files.createDirectories(first.resolve(".claude"));
    TierScope scope = new TierScope(collection, new ProjectLayout(first));
    Direction direction = Direction.COLLECTION_TO_PROJECT;
    for (int i = 0; i < artifacts; i++) {
      ArtifactId id = ArtifactId.parse("skill:" + name(i));
      engine.apply(
          scope,
          direction,
          engine.plan(scope, id, direction, MergeStrategy.AUTO, FetchPolicy.NEVER, FetchProgress.NONE));
    }
    for (int p = 0; p < count; p++) {
      Path project = root.resolve("projects/p" + p);
      if (p > 0) {
        copyTree(first, project);
      }
      projects.add(new ProjectLayout(project));
    }
  }

  /**
   * Edits 10% of the artifacts in the collection and, in each project, another 10% (a different
   * tenth per project), so that the fleet is not all {@code synced}.
   */
  public void editSome(int artifacts) throws IOException {
    for (int i = 0; i < artifacts; i += 10) {
      append(collection.root().resolve("skills/" + name(i) + "/SKILL.md"), "# changed in the collection\n");
      for (int p = 0; p < projects.size(); p++) {
        int edited = (i + 1 + p % 9) % artifacts;
        append(
            projects.get(p).projectDir().resolve(".claude/skills/" + name(edited) + "/docs/part1.md"),
            "local edit\n");
      }
    }
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    history.close();
    upstream.close();
  }

  static String name(int i) {
    return String.format("skill-%04d", i);
  }

  private static void writeSkill(Path skill, String name) throws IOException {
    Files.createDirectories(skill.resolve("docs"));
    Files.writeString(skill.resolve("SKILL.md"), "# " + name + "\n" + "Use this skill well.\n".repeat(40));
    for (int f = 0; f < 4; f++) {
      Files.writeString(
          skill.resolve("docs/part" + f + ".md"), ("part " + f + " of " + name + "\n").repeat(50));
    }
  }

  private static RevCommit commitAll(Path dir) throws IOException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("bench", "bench@example.invalid");
      return git.commit().setMessage("skills").setAuthor(who).setCommitter(who).call();
    } catch (GitAPIException e) {
      throw new IOException(e);
    }
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardOpenOption.APPEND);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
