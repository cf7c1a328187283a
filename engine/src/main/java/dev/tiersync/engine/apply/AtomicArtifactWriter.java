package dev.tiersync.engine.apply;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Replaces an artifact in a tier so that a crash at any point leaves either the old or the new
 * version, never a mix (SPEC section 5).
 *
 * <p>The new version is built in a staging folder beside the target. The old version is then
 * renamed aside to {@code .tiersync-old.<name>}, the staged one renamed into place, the caller's
 * tracking update runs, and only then is the old version deleted. If anything fails before that
 * last step the old version is put back. A crash between the two renames leaves the target absent
 * and the old version aside: {@link #recover(Path)} (run before every read and write) renames it
 * back. Names starting with a dot are not valid artifact names, so listings never show the
 * staging or aside folders.
 *
 * <p>The staging folder never outlives its write: it is removed through an open handle on the
 * parent folder, so also when that folder was moved or renamed while the write ran (the write then
 * fails, and an old version already moved aside is put back under its name in the moved folder).
 */
public final class AtomicArtifactWriter {
  /** Points in a write where tests inject failures; production code passes {@link #NONE}. */
  public enum Stage {
    STAGED,
    OLD_MOVED_ASIDE,
    SWAPPED
  }

  /** Called at each stage; throwing aborts the write there. */
  @FunctionalInterface
  public interface StageHook {
    void reached(Stage stage) throws IOException;
  }

  /** A step run after the swap (e.g. the tracking-file update); failing it rolls back. */
  @FunctionalInterface
  public interface AfterSwap {
    void run() throws IOException;
  }

  public static final StageHook NONE = stage -> {};

  private static final String STAGING_PREFIX = ".tiersync-staging.";
  private static final String ASIDE_PREFIX = ".tiersync-old.";

  private final StageHook hook;

  public AtomicArtifactWriter() {
    this(NONE);
  }

  public AtomicArtifactWriter(StageHook hook) {
    this.hook = hook;
  }

  /**
   * Makes {@code target} hold {@code version} (or removes it when {@code version} is null), then
   * runs {@code afterSwap}. On any failure the previous version is restored and the exception
   * rethrown.
   */
  public void write(Path target, ArtifactTree version, AfterSwap afterSwap) throws IOException {
    recover(target);
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String name = target.getFileName().toString();
    Path staging =
        version == null ? null : parent.resolve(STAGING_PREFIX + name + "." + UUID.randomUUID());
    // A handle on the parent folder follows it when it is moved or renamed while the write runs,
    // so the staging folder made in it is still removed, and an old version put back, wherever
    // the folder went. Without one (no openat on this platform) cleanup goes by path only.
    ParentHandle handle = ParentHandle.open(parent);
    Exception failure = null;
    try {
      swap(target, parent, staging, version, afterSwap);
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      try {
        handle.cleanUp(target.getFileName(), asidePath(target).getFileName(), staging, failure == null);
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }

  private void swap(Path target, Path parent, Path staging, ArtifactTree version, AfterSwap afterSwap)
      throws IOException {
    if (staging != null) {
      try {
        ArtifactStaging.stage(staging, version);
        hook.reached(Stage.STAGED);
      } catch (IOException | RuntimeException e) {
        Folders.deleteRecursively(staging);
        throw e;
      }
    }
    Path aside = asidePath(target);
    boolean hadOld = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    boolean swapped = false;
    try {
      if (hadOld) {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        hook.reached(Stage.OLD_MOVED_ASIDE);
      }
      if (staging != null) {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      }
      swapped = true;
      ArtifactStaging.fsyncDirectory(parent);
      hook.reached(Stage.SWAPPED);
      afterSwap.run();
    } catch (IOException | RuntimeException e) {
      rollback(target, aside, staging, hadOld, swapped);
      throw e;
    }
    if (hadOld) {
      Folders.deleteRecursively(aside);
    }
  }

  /**
   * Restores a version left aside by an interrupted write and removes stale staging folders.
   * Safe to call at any time; does nothing when there is nothing to recover.
   */
  public static void recover(Path target) throws IOException {
    restoreAside(target);
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && Files.isDirectory(parent)) {
      String prefix = STAGING_PREFIX + target.getFileName() + ".";
      try (var stream = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
        for (Path stale : stream) {
          Folders.deleteRecursively(stale);
        }
      }
    }
  }

  /**
   * The part of {@link #recover} that reads need: puts back a version an interrupted write left
   * aside (one file-system lookup when there is none). Staging leftovers are invisible to reads,
   * so sweeping them is left to writes.
   */
  public static void restoreAside(Path target) throws IOException {
    Path aside = asidePath(target);
    if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // The new version made it into place before the crash; the aside copy is stale.
        Folders.deleteRecursively(aside);
      } else {
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static void rollback(Path target, Path aside, Path staging, boolean hadOld, boolean swapped)
      throws IOException {
    if (swapped && Files.exists(target, LinkOption.NOFOLLOW_LINKS) && staging != null) {
      Folders.deleteRecursively(target);
    }
    if (staging != null) {
      Folders.deleteRecursively(staging);
    }
    if (hadOld && Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  static Path asidePath(Path target) {
    Path abs = target.toAbsolutePath();
    return abs.getParent().resolve(ASIDE_PREFIX + abs.getFileName());
  }

}
