package dev.tiersync.engine.patch;

import dev.tiersync.engine.upstream.BlobReadSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the sections of an artifact's patch in path order, working out several files' sections at
 * once. Reading both versions and the line diff are most of a bundle's time apart from deflating
 * (docs/benchmarks.md), and files are independent: small files are taken in batches of up to
 * {@link #BATCH_BYTES} whose sections are made on all cores into memory and then written in order,
 * so the patch's bytes are the same as one file after another. A file larger than that is written
 * straight into the patch on the calling thread, so a large binary is still never held whole.
 */
final class PatchSections {
  /** One file's section: what it does and where it lies in the patch. */
  record Written(PatchSides.Change change, PatchedFile file, long offset, long length) {}

  /** Both versions of a batch's files together: bounds the memory a batch holds. */
  static final long BATCH_BYTES = 8L << 20;

  /**
   * Runs of files per batch, each made on one thread through one {@link BlobReadSession}: enough
   * for the threads to share the work out evenly, few enough that the files of a run share the
   * delta bases they are read from.
   */
  private static final int SLICES = 8;

  private record Made(PatchSides.Change change, PatchedFile file, byte[] bytes) {}

  private final GitPatchWriter writer;

  PatchSections(GitPatchWriter writer) {
    this.writer = writer;
  }

  /**
   * Writes the section of each change that changes something into {@code out}, in the order given.
   *
   * @return the written sections, in that order (a change whose versions are equal has none)
   */
  List<Written> write(List<PatchSides.Change> changes, CountingOutputStream out)
      throws IOException {
    try (BlobReadSession reads = BlobReadSession.open()) {
      return writeAll(changes, out);
    }
  }

  private List<Written> writeAll(List<PatchSides.Change> changes, CountingOutputStream out)
      throws IOException {
    List<Written> written = new ArrayList<>();
    List<PatchSides.Change> batch = new ArrayList<>();
    long batchBytes = 0;
    for (PatchSides.Change c : changes) {
      long size = size(c);
      if (!batch.isEmpty() && batchBytes + size > BATCH_BYTES) {
        writeBatch(batch, out, written);
        batch.clear();
        batchBytes = 0;
      }
      if (size > BATCH_BYTES) {
        long start = out.count;
        PatchedFile f = writer.write(c.path(), c.before(), c.after(), out);
        if (f != null) {
          written.add(new Written(c, f, start, out.count - start));
        }
      } else {
        batch.add(c);
        batchBytes += size;
      }
    }
    writeBatch(batch, out, written);
    return written;
  }

  private void writeBatch(
      List<PatchSides.Change> batch, CountingOutputStream out, List<Written> written)
      throws IOException {
    List<Made> made;
    try {
      made = slices(batch).parallelStream().flatMap(s -> makeSlice(s).stream()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    for (Made m : made) {
      if (m.file() != null) {
        long start = out.count;
        out.write(m.bytes());
        written.add(new Written(m.change(), m.file(), start, out.count - start));
      }
    }
  }

  /** The batch cut into up to {@link #SLICES} runs of consecutive files, in order. */
  private static List<List<PatchSides.Change>> slices(List<PatchSides.Change> batch) {
    int n = Math.min(SLICES, batch.size());
    List<List<PatchSides.Change>> slices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      slices.add(batch.subList(i * batch.size() / n, (i + 1) * batch.size() / n));
    }
    return slices;
  }

  /** A slice's sections, made one after another on one thread, sharing its blob reads. */
  private List<Made> makeSlice(List<PatchSides.Change> slice) {
    try (BlobReadSession reads = BlobReadSession.open()) {
      return slice.stream().map(this::make).toList();
    }
  }

  private Made make(PatchSides.Change c) {
    ByteArrayOutputStream section = new ByteArrayOutputStream();
    try {
      PatchedFile f = writer.write(c.path(), c.before(), c.after(), section);
      return new Made(c, f, section.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(PatchSides.Change c) {
    return (c.before() == null ? 0 : c.before().size()) + (c.after() == null ? 0 : c.after().size());
  }
}
