package dev.tiersync.app.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A real upstream for tests: a bare repository reached through a {@code file://} URL, fed by
 * commits made in a work repository beside it and pushed, as JGit's own CloneCommandTest does.
 */
public final class UpstreamGit {
  /** Commit times start here and advance a minute per commit, so history order is fixed. */
  static final Instant FIRST_COMMIT = Instant.parse("2026-01-01T00:00:00Z");

  public final Path bare;
  private final Path work;
  private int commits;

  UpstreamGit(Path root) throws GitAPIException {
    bare = root.resolve("upstream.git");
    work = root.resolve("upstream-work");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    Git.init().setDirectory(work.toFile()).setInitialBranch("main").call().close();
  }

  /** The {@code file://} URL collection.toml names. */
  public String url() {
    return "file://" + bare.toAbsolutePath();
  }

  /** Writes the files (a null value deletes one), commits everything and pushes main. */
  public RevCommit commit(String message, Map<String, byte[]> files) throws IOException, GitAPIException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path p = work.resolve(f.getKey());
      if (f.getValue() == null) {
        Files.delete(p);
      } else {
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
    }
    try (Git git = Git.open(work.toFile())) {
      git.add().addFilepattern(".").call();
      git.add().setUpdate(true).addFilepattern(".").call();
      PersonIdent ident =
          new PersonIdent(
              "Ada Lovelace",
              "ada@example.com",
              FIRST_COMMIT.plusSeconds(60L * commits++),
              ZoneOffset.UTC);
      RevCommit c =
          git.commit()
              .setMessage(message)
              .setAuthor(ident)
              .setCommitter(ident)
              .setSign(false)
              .call();
      git.push()
          .setRemote(url())
          .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
          .call();
      return c;
    }
  }

  /** The newest commit of {@code main}. */
  public RevCommit head() throws IOException, GitAPIException {
    try (Git git = Git.open(bare.toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }
}
