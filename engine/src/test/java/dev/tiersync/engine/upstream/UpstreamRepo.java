package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real upstream for tests: a work repository whose commits are pushed to a bare repository
 * reached through a {@code file://} url, the way JGit's own CloneCommandTest sets up remotes.
 */
public final class UpstreamRepo implements AutoCloseable {
  private final Git work;
  private final Path workDir;
  private final Path bareDir;
  private int tick;

  private UpstreamRepo(Git work, Path workDir, Path bareDir) {
    this.work = work;
    this.workDir = workDir;
    this.bareDir = bareDir;
  }

  /** A bare upstream whose HEAD (default branch) is {@code defaultBranch}. */
  public static UpstreamRepo create(Path root, String defaultBranch) throws GitAPIException {
    Path bare = root.resolve("upstream.git");
    Path workDir = root.resolve("work");
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

  public String url() {
    return bareDir.toUri().toString();
  }

  public Path bareDir() {
    return bareDir;
  }

  public Path workDir() {
    return workDir;
  }

  /** Writes (or, for a null value, deletes) files, commits everything and pushes all refs. */
  public RevCommit commit(String message, Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = workDir.resolve(f.getKey());
      if (f.getValue() == null) {
        Folders.deleteRecursively(p);
      } else {
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
    }
    return commitAll(message);
  }

  /** Commits whatever is in the work tree now and pushes. */
  public RevCommit commitAll(String message) throws GitAPIException {
    work.add().addFilepattern(".").call();
    work.add().setUpdate(true).addFilepattern(".").call();
    // Distinct, increasing commit times keep "newest first" assertions deterministic.
    PersonIdent ident =
        new PersonIdent(
            "Ada Lovelace",
            "ada@example.com",
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * tick++),
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
