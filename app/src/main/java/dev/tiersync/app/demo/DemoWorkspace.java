package dev.tiersync.app.demo;

import dev.tiersync.engine.content.Folders;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.ManifestArtifact;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A demo workspace that shows every status at once: a real local upstream Git repository, a
 * {@code default} collection that follows it, and a project ({@code webapp}) that uses the
 * collection. The tiers are built through the engine itself (sync, edit, sync again), so every
 * base is where a real history would have put it.
 *
 * <table>
 *   <caption>What each artifact shows</caption>
 *   <tr><th>artifact</th><th>upstream → collection</th><th>collection → project</th></tr>
 *   <tr><td>{@code skill:pdf-tools}</td><td>synced</td><td>synced</td></tr>
 *   <tr><td>{@code skill:release-notes}</td><td>outdated (upstream moved on)</td><td>synced</td></tr>
 *   <tr><td>{@code skill:code-review}</td><td>synced</td><td>modified (edited in the project)</td></tr>
 *   <tr><td>{@code skill:sql-helper}</td><td>diverged (both sides edited apart)</td><td>missing (not deployed)</td></tr>
 *   <tr><td>{@code skill:test-writer}</td><td>missing (listed, not fetched yet)</td><td>removed (the collection has no copy)</td></tr>
 *   <tr><td>{@code command:deploy}</td><td>–</td><td>diverged</td></tr>
 *   <tr><td>{@code agent:architect}</td><td>–</td><td>conflict (same line edited twice)</td></tr>
 *   <tr><td>{@code hook:format-on-save}</td><td>–</td><td>missing (not deployed)</td></tr>
 * </table>
 */
public final class DemoWorkspace {
  static final String COLLECTION = "default";
  static final String PROJECT = "webapp";

  private static final Instant FIRST_COMMIT = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant ADDED = Instant.parse("2026-01-05T10:00:00Z");

  private final Path root;
  private final Path upstreamWork;
  private final Path upstreamBare;
  private final CollectionLayout collection;
  private final Path project;
  private int commits;

  /** A workspace at {@code root}, which {@link #seedIfAbsent} creates. */
  public DemoWorkspace(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.upstreamWork = this.root.resolve("upstream-work");
    this.upstreamBare = this.root.resolve("upstream.git");
    this.collection = new CollectionLayout(collectionsRoot().resolve(COLLECTION));
    this.project = projectsRoot().resolve(PROJECT);
  }

  /** The demo folder of a data directory. */
  public static Path rootOf(Path dataDirectory) {
    return dataDirectory.resolve("demo");
  }

  /** The workspace folder. */
  public Path root() {
    return root;
  }

  /** What {@code TIERSYNC_COLLECTIONS} points at in demo mode. */
  public Path collectionsRoot() {
    return root.resolve("collections");
  }

  /** What {@code TIERSYNC_PROJECT_ROOTS} points at in demo mode. */
  public Path projectsRoot() {
    return root.resolve("projects");
  }

  /** The demo project folder. */
  public Path project() {
    return project;
  }

  /**
   * Builds the workspace unless its folder exists, so a user's edits to the demo survive
   * restarts. A half-built workspace is removed, so the next start tries again.
   *
   * @return whether it was built now
   */
  public boolean seedIfAbsent(SyncEngine engine, UpstreamCache upstreams) throws IOException {
    if (Files.exists(root)) {
      return false;
    }
    try {
      seed(engine, upstreams);
      return true;
    } catch (IOException | GitAPIException | RuntimeException e) {
      Folders.deleteRecursively(root);
      throw new IOException("cannot build the demo workspace in " + root + ": " + e.getMessage(), e);
    }
  }

  private void seed(SyncEngine engine, UpstreamCache upstreams) throws IOException, GitAPIException {
    Files.createDirectories(collection.root());
    Files.createDirectories(project.resolve(ProjectLayout.CLAUDE_DIR));
    Git.init().setBare(true).setDirectory(upstreamBare.toFile()).setInitialBranch("main").call().close();
    Git.init().setDirectory(upstreamWork.toFile()).setInitialBranch("main").call().close();

    Map<String, String> first = new LinkedHashMap<>();
    first.put("README.md", "# Team skills\n\nShared Claude Code skills of the platform team.\n");
    first.put("skills/pdf-tools/SKILL.md", DemoContent.PDF_TOOLS);
    first.put("skills/pdf-tools/reference.md", DemoContent.PDF_REFERENCE);
    first.put("skills/release-notes/SKILL.md", DemoContent.RELEASE_NOTES);
    first.put("skills/code-review/SKILL.md", DemoContent.CODE_REVIEW);
    first.put("skills/code-review/checklist.md", DemoContent.CODE_REVIEW_CHECKLIST);
    first.put("skills/sql-helper/SKILL.md", DemoContent.SQL_HELPER);
    first.put("skills/test-writer/SKILL.md", DemoContent.TEST_WRITER);
    commit("Add the team's first skills", first);

    CollectionManifest manifest = CollectionManifest.create(COLLECTION, ADDED);
    for (String skill : new String[] {"pdf-tools", "release-notes", "code-review", "sql-helper", "test-writer"}) {
      manifest.upsert(upstreamSkill(skill));
    }
    manifest.upsert(ManifestArtifact.local(ArtifactId.parse("command:deploy"), ADDED));
    manifest.upsert(ManifestArtifact.local(ArtifactId.parse("agent:architect"), ADDED));
    manifest.upsert(ManifestArtifact.local(ArtifactId.parse("hook:format-on-save"), ADDED));
    manifest.save(collection.manifestFile());
    write(inCollection("command:deploy"), DemoContent.DEPLOY);
    write(inCollection("agent:architect"), DemoContent.ARCHITECT);
    write(inCollection("hook:format-on-save"), DemoContent.FORMAT_ON_SAVE);

    TierScope scope = new TierScope(collection, new ProjectLayout(project.toRealPath()));
    for (String skill : new String[] {"pdf-tools", "release-notes", "code-review", "sql-helper"}) {
      sync(engine, scope, "skill:" + skill, Direction.UPSTREAM_TO_COLLECTION);
    }
    for (String id : new String[] {"skill:pdf-tools", "skill:release-notes", "skill:code-review", "command:deploy", "agent:architect"}) {
      sync(engine, scope, id, Direction.COLLECTION_TO_PROJECT);
    }

    // Local edits after the syncs, each chosen to produce one status.
    edit(inProject("skill:code-review").resolve("SKILL.md"), "- Point out missing tests.", "- Point out missing tests, and name the test to add.");
    edit(inCollection("command:deploy"), "1. Run the test suite.", "1. Run the test suite and the linters.");
    edit(inProject("command:deploy"), "4. Announce the release in #deploys.", "4. Announce the release in #deploys with the changelog link.");
    edit(inCollection("agent:architect"), "Prefer boring technology.", "Prefer boring, well-understood technology.");
    edit(inProject("agent:architect"), "Prefer boring technology.", "Prefer the technology the team already runs.");
    edit(inCollection("skill:sql-helper").resolve("SKILL.md"), "- Use CTEs for readability.", "- Use CTEs for readability; name them after what they hold.");

    Map<String, String> second = new LinkedHashMap<>();
    second.put("skills/release-notes/SKILL.md", DemoContent.RELEASE_NOTES.replace("- Group changes by area.", "- Group changes by area.\n- Link every entry to its pull request."));
    second.put("skills/sql-helper/SKILL.md", DemoContent.SQL_HELPER.replace("- Never run DDL without asking.", "- Never run DDL or bulk updates without asking."));
    commit("Sharpen release-notes and sql-helper", second);
    // The read API answers from the mirror: bring it up to date, as a refresh would.
    upstreams.fetch(upstreamUrl(), null);
  }

  private ManifestArtifact upstreamSkill(String name) {
    return new ManifestArtifact(
        name, ArtifactType.SKILL, null, ManifestArtifact.Origin.LOCAL, upstreamUrl(), "skills/" + name,
        "main", null, null, ADDED, null, null);
  }

  private String upstreamUrl() {
    return "file://" + upstreamBare;
  }

  private static void sync(SyncEngine engine, TierScope scope, String id, Direction direction)
      throws IOException {
    ArtifactPlan plan =
        engine.plan(
            scope, ArtifactId.parse(id), direction, MergeStrategy.AUTO, FetchPolicy.ALWAYS, null);
    engine.apply(scope, direction, plan);
  }

  private Path inCollection(String id) {
    ArtifactId a = ArtifactId.parse(id);
    return collection.root().resolve(a.type().relativePath(a.name()));
  }

  private Path inProject(String id) {
    ArtifactId a = ArtifactId.parse(id);
    return project.resolve(ProjectLayout.CLAUDE_DIR).resolve(a.type().relativePath(a.name()));
  }

  private static void edit(Path file, String line, String replacement) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (!text.contains(line)) {
      throw new IllegalStateException(file + " lacks the line to edit: " + line);
    }
    Files.writeString(file, text.replace(line, replacement), StandardCharsets.UTF_8);
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private void commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      write(upstreamWork.resolve(f.getKey()), f.getValue());
    }
    try (Git git = Git.open(upstreamWork.toFile())) {
      git.add().addFilepattern(".").call();
      PersonIdent ident =
          new PersonIdent("tiersync demo", "demo@tiersync.invalid", FIRST_COMMIT.plusSeconds(3600L * commits++), ZoneOffset.UTC);
      git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).setSign(false).call();
      git.push().setRemote(upstreamUrl()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }
  }
}
