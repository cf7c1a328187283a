package dev.tiersync.engine.testing;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real upstream for tests: a work repository whose commits are pushed to a bare repository
 * reached through a {@code file://} URL, the way JGit's own CloneCommandTest sets up remotes.
 * Commit times start at {@link #FIRST_COMMIT} and advance a minute per commit, so history order
 * is fixed. Commits may come from several threads.
 */
public final class UpstreamRepo implements AutoCloseable {
  public static final Instant FIRST_COMMIT = Instant.parse("2026-01-01T00:00:00Z");

  private final Git work;
  private final Path workDir;
  private final Path bareDir;
  private int commits;

  private UpstreamRepo(Git work, Path workDir, Path bareDir) {
    this.work = work;
    this.workDir = workDir;
    this.bareDir = bareDir;
  }

  /**
   * A bare {@code <root>/upstream.git} whose HEAD is {@code defaultBranch}, fed from the work
   * repository {@code <root>/upstream-work}.
   */
  public static UpstreamRepo create(Path root, String defaultBranch) throws GitAPIException {
    Path bare = root.resolve("upstream.git").toAbsolutePath();
    Path workDir = root.resolve("upstream-work").toAbsolutePath();
    try (Git remote =
        Git.init()
            .setBare(true)
            .setDirectory(bare.toFile())
            .setInitialBranch(defaultBranch)
            .call()) {
      noBackgroundGc(remote);
    }
    Git work = Git.init().setDirectory(workDir.toFile()).setInitialBranch(defaultBranch).call();
    noBackgroundGc(work);
    return new UpstreamRepo(work, workDir, bare);
  }

  /** A detached auto-gc after a push would touch the upstream while a test inspects it. */
  private static void noBackgroundGc(Git git) {
    StoredConfig config = git.getRepository().getConfig();
    config.setInt("gc", null, "auto", 0);
    config.setBoolean("gc", null, "autoDetach", false);
    try {
      config.save();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code file://} URL a {@code collection.toml} names. */
  public String url() {
    return "file://" + bareDir;
  }

  public Path bareDir() {
    return bareDir;
  }

  public Path workDir() {
    return workDir;
  }

  /** Writes (or, for a null value, deletes) text files, commits everything and pushes. */
  public RevCommit commit(String message, Map<String, String> files)
      throws IOException, GitAPIException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach(
        (path, text) ->
            bytes.put(path, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
    return commitBytes(message, bytes);
  }

  /** Writes (or, for a null value, deletes) files, commits everything and pushes. */
  public synchronized RevCommit commitBytes(String message, Map<String, byte[]> files)
      throws IOException, GitAPIException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = workDir.resolve(f.getKey());
      if (f.getValue() == null) {
        Folders.deleteRecursively(p);
      } else {
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
    }
    return commitAll(message);
  }

  /** Commits whatever is in the work tree now and pushes. */
  public synchronized RevCommit commitAll(String message) throws GitAPIException {
    work.add().addFilepattern(".").call();
    work.add().setUpdate(true).addFilepattern(".").call();
    // Distinct, increasing commit times keep "newest first" assertions deterministic.
    PersonIdent ident =
        new PersonIdent(
            "Ada Lovelace",
            "ada@example.com",
            FIRST_COMMIT.plusSeconds(60L * commits++),
            ZoneOffset.UTC);
    RevCommit c =
        work.commit()
            .setMessage(message)
            .setAuthor(ident)
            .setCommitter(ident)
            .setSign(false)
            .call();
    push();
    return c;
  }

  /** The newest commit of the upstream's default branch. */
  public RevCommit head() throws IOException, GitAPIException {
    try (Git git = Git.open(bareDir.toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }

  public void makeExecutable(String path) throws IOException {
    Files.setPosixFilePermissions(
        workDir.resolve(path), PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  public void symlink(String path, String target) throws IOException {
    Path link = workDir.resolve(path);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }

  public void branch(String name) throws GitAPIException {
    work.branchCreate().setName(name).call();
    push();
  }

  public void checkout(String name) throws GitAPIException {
    work.checkout().setName(name).call();
  }

  /** Merges {@code branch} into the checked-out branch with a merge commit, and pushes. */
  public synchronized RevCommit merge(String branch, String message)
      throws IOException, GitAPIException {
    MergeResult r =
        work.merge()
            .include(work.getRepository().resolve(branch))
            .setFastForward(MergeCommand.FastForwardMode.NO_FF)
            .setMessage(message)
            .call();
    if (!r.getMergeStatus().isSuccessful()) {
      throw new IllegalStateException("merge of " + branch + " failed: " + r.getMergeStatus());
    }
    push();
    try (RevWalk walk = new RevWalk(work.getRepository())) {
      return walk.parseCommit(r.getNewHead());
    }
  }

  public void deleteBranch(String name) throws GitAPIException {
    work.branchDelete().setBranchNames(name).setForce(true).call();
    work.push().setRemote(url()).setRefSpecs(new RefSpec(":refs/heads/" + name)).call();
  }

  public void tag(String name, boolean annotated) throws GitAPIException {
    work.tag()
        .setName(name)
        .setAnnotated(annotated)
        .setMessage(annotated ? "release " + name : null)
        .setSigned(false)
        .call();
    push();
  }

  private void push() throws GitAPIException {
    work.push()
        .setRemote(url())
        .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
        .setPushTags()
        .setForce(true)
        .call();
  }

  @Override
  public void close() {
    work.close();
  }
}
