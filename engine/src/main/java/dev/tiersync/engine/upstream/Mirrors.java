package dev.tiersync.engine.upstream;

import dev.tiersync.engine.content.ArtifactTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The local bare mirrors, one per remote, in one folder: where a remote's mirror lives ({@code
 * <first 20 hex digits of sha256(normalised url)>.git}), opening it once for all readers, and
 * updating it under a lock. Updates of one mirror are serialised by a lock that also holds across
 * processes (a file lock beside the mirror); reads need no lock because Git publishes objects
 * before it moves refs.
 */
final class Mirrors implements AutoCloseable {
  private final Path root;
  private final MirrorFetcher fetcher;
  private final ConcurrentHashMap<String, ReentrantLock> fetchLocks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Path, Repository> repositories = new ConcurrentHashMap<>();
  private final FetchDeadline deadlines = new FetchDeadline();

  /**
   * @param root the folder holding the mirrors (absolute and normalised)
   * @param fetcher clones and fetches a mirror from its remote
   */
  Mirrors(Path root, MirrorFetcher fetcher) {
    this.root = root;
    this.fetcher = fetcher;
  }

  /** The mirror folder of this remote; it may not exist yet. */
  Path dir(Remote remote) {
    byte[] digest =
        ArtifactTree.sha256().digest(remote.normalized().getBytes(StandardCharsets.UTF_8));
    return root.resolve(HexFormat.of().formatHex(digest).substring(0, 20) + ".git");
  }

  /** Whether the remote has been cloned: its mirror folder holds a Git config. */
  boolean exists(Remote remote) {
    return Files.isRegularFile(dir(remote).resolve("config"));
  }

  /**
   * The remote's mirror, opened once and shared until {@link #close()}.
   *
   * @throws UpstreamUnavailableException if it cannot be opened, or the folder is the mirror of
   *     another remote
   */
  Repository open(Remote remote) throws UpstreamUnavailableException {
    String url = remote.normalized();
    try {
      return repositories.computeIfAbsent(
          dir(remote),
          d -> {
            try {
              Repository r =
                  new FileRepositoryBuilder()
                      .setGitDir(d.toFile())
                      .setBare()
                      .setMustExist(true)
                      .build();
              String recorded = r.getConfig().getString("remote", "origin", "url");
              if (!url.equals(recorded)) {
                r.close();
                throw new IOException("mirror " + d + " belongs to " + recorded + ", not " + url);
              }
              return r;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw UpstreamUnavailableException.because(
          url, "cannot open the local mirror of " + url, e.getCause());
    }
  }

  /**
   * {@link #fetch(Remote, FetchProgress)} taking at most {@code limit} in all (waiting for the
   * lock included); a null limit is none.
   *
   * @throws UpstreamTimeoutException if the limit passed first
   */
  void fetch(Remote remote, FetchProgress progress, Duration limit)
      throws UpstreamUnavailableException {
    if (limit == null) {
      fetch(remote, progress);
    } else {
      deadlines.run(remote.url(), limit, progress, bounded -> fetch(remote, bounded));
    }
  }

  /**
   * Clones the remote into its mirror on first use, otherwise fetches into it. Concurrent calls for
   * one remote, in this process or another, run one after the other.
   *
   * @param progress receives fetch progress; may be null
   * @throws UpstreamUnavailableException if the remote cannot be reached or read
   * @throws CancellationException if {@code progress} cancelled the transfer
   */
  void fetch(Remote remote, FetchProgress progress) throws UpstreamUnavailableException {
    Path dir = dir(remote);
    FetchProgress listener = progress == null ? FetchProgress.NONE : progress;
    String url = remote.url();
    try {
      Files.createDirectories(root);
      ReentrantLock lock = fetchLocks.computeIfAbsent(dir.toString(), k -> new ReentrantLock());
      lock.lock();
      try (FileChannel channel =
              FileChannel.open(
                  dir.resolveSibling(dir.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (exists(remote)) {
          fetcher.fetchInto(open(remote), remote, listener);
        } else {
          fetcher.cloneInto(dir, remote, listener);
        }
        Files.writeString(fetchedMarker(dir), java.time.Instant.now().toString());
      } finally {
        lock.unlock();
      }
    } catch (UpstreamUnavailableException | CancellationException e) {
      throw e;
    } catch (IOException e) {
      throw new UpstreamUnavailableException(
          url, "cannot update the local mirror of " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * When the remote was last fetched into its mirror successfully (by this process or another),
   * or empty when it never was (or the mirror predates the record).
   */
  java.util.Optional<java.time.Instant> lastFetched(Remote remote) {
    Path marker = fetchedMarker(dir(remote));
    try {
      return java.util.Optional.of(java.time.Instant.parse(Files.readString(marker).trim()));
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.Optional.empty();
    } catch (IOException | java.time.format.DateTimeParseException e) {
      // A marker torn by a crash: its modification time is the fetch's end all the same.
      try {
        return java.util.Optional.of(Files.getLastModifiedTime(marker).toInstant());
      } catch (IOException gone) {
        return java.util.Optional.empty();
      }
    }
  }

  /** The file beside a mirror that records its last successful fetch. */
  private static Path fetchedMarker(Path dir) {
    return dir.resolveSibling(dir.getFileName() + ".fetched");
  }

  /** Closes every open mirror; trees read from them can no longer load their bytes. */
  @Override
  public void close() {
    deadlines.close();
    for (Repository r : repositories.values()) {
      r.close();
    }
    repositories.clear();
  }
}
