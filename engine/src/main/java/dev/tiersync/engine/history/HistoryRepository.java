package dev.tiersync.engine.history;

import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The bare Git repository behind the history store and its upkeep: created on first use (in a side
 * folder renamed into place, so racing processes share one), opened once, packed by {@link #gc()},
 * closed with the store.
 */
final class HistoryRepository implements AutoCloseable {
  private final Path gitDir;
  private volatile Repository repository;
  private boolean closed;

  HistoryRepository(Path gitDir) {
    this.gitDir = gitDir.toAbsolutePath().normalize();
  }

  Path gitDir() {
    return gitDir;
  }

  /**
   * The repository, created and opened on first use.
   *
   * @throws IllegalStateException once closed
   */
  Repository get() throws IOException {
    Repository r = repository;
    if (r != null) {
      return r;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("history store " + gitDir + " is closed");
      }
      if (repository == null) {
        repository = openOrCreate();
      }
      return repository;
    }
  }

  /** A stream of a stored blob's bytes, for entries that load lazily. */
  InputStream openBlob(ObjectId blobId) throws IOException {
    return get().open(blobId, Constants.OBJ_BLOB).openStream();
  }

  /** See {@link HistoryStore#gc()}. */
  void gc() throws IOException {
    try {
      Git.wrap(get()).gc().call();
    } catch (GitAPIException e) {
      throw new IOException("history store gc failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    Repository r = repository;
    repository = null;
    if (r != null) {
      r.close();
    }
  }

  private Repository openOrCreate() throws IOException {
    if (!Files.isRegularFile(gitDir.resolve("config"))) {
      createAtomically();
    }
    return new FileRepositoryBuilder()
        .setGitDir(gitDir.toFile())
        .setBare()
        .setMustExist(true)
        .build();
  }

  /**
   * Creates the repository in a side folder and renames it into place, so that a process racing us
   * never sees, or trips over, a half-created repository.
   */
  private void createAtomically() throws IOException {
    Files.createDirectories(gitDir.getParent());
    Path tmp = gitDir.resolveSibling(gitDir.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      try (Repository r = new FileRepositoryBuilder().setGitDir(tmp.toFile()).setBare().build()) {
        r.create(true);
      }
      try {
        Files.move(tmp, gitDir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isRegularFile(gitDir.resolve("config"))) {
          throw e;
        }
        // Another process created the store first; use theirs.
      }
    } finally {
      Folders.deleteRecursively(tmp);
    }
  }
}
