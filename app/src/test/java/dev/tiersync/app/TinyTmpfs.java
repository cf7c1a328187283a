package dev.tiersync.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, tiny tmpfs for disk-full tests: mounted under {@code target/} (needs root and mount
 * rights; {@link #mount} returns null where that is not allowed, and the test is skipped), filled
 * to the last byte on demand, unmounted at the end.
 */
public final class TinyTmpfs implements AutoCloseable {
  public final Path dir;
  private Path filler;

  private TinyTmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code size} (mount syntax: {@code 4m}); null if it cannot be mounted. */
  public static TinyTmpfs mount(String size) {
    try {
      Path parent = Files.createDirectories(Path.of("target", "tmpfs").toAbsolutePath());
      Path dir = Files.createTempDirectory(parent, "full-");
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        System.err.println("tmpfs not available (" + out.strip() + "); disk-full test skipped");
        return null;
      }
      return new TinyTmpfs(dir);
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  /** Writes a filler file until the file system refuses more ("No space left on device"). */
  public void fill() throws IOException {
    filler = dir.resolve("filler-" + System.nanoTime());
    OutputStream out = Files.newOutputStream(filler);
    byte[] chunk = new byte[64 * 1024];
    for (int size : new int[] {64 * 1024, 4096, 512, 1}) {
      try {
        while (true) {
          out.write(chunk, 0, size);
        }
      } catch (IOException full) {
        if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
          throw full;
        }
      }
    }
    out.close();
  }

  /** Deletes what {@link #fill} wrote. */
  public void free() throws IOException {
    if (filler != null) {
      Files.deleteIfExists(filler);
      filler = null;
    }
  }

  @Override
  public void close() throws Exception {
    new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
  }
}
