package dev.tiersync.app.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only file of JSON lines that never holds half a line: a write is one whole line or
 * nothing (on failure, a full disk included, the file is cut back to where it was, which needs no
 * free space), a line torn by a crash is cut off when the file is opened, and a rewrite replaces
 * the whole file atomically. Not thread-safe: its owner serialises calls, except {@link
 * #writeCopy}, which reads nothing of the file (one at a time).
 */
public final class JsonLinesFile {
  private static final Logger log = LoggerFactory.getLogger(JsonLinesFile.class);

  private final Path file;
  private final ObjectMapper json;
  private FileChannel out;
  private long lines;
  /** How often a line was taken back: a {@link Mark} from before a cut no longer points at a line end. */
  private long cuts;
  /** How often the file was replaced: positions from before do not point into the new one. */
  private long replacements;

  private JsonLinesFile(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  /**
   * Opens (or creates) {@code file}, handing each non-blank line to {@code eachLine} first, in
   * file order.
   */
  public static JsonLinesFile open(Path file, ObjectMapper json, Consumer<String> eachLine) {
    JsonLinesFile f = new JsonLinesFile(file, json);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          f.lines++;
          if (!line.isBlank()) {
            eachLine.accept(line);
          }
        }
      }
      f.out = f.openChannel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    return f;
  }

  public Path path() {
    return file;
  }

  /** Lines in the file, blank and unreadable ones included. */
  public long lineCount() {
    return lines;
  }

  /** The file's length: where the next line goes. */
  public long position() {
    try {
      return out.position();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes {@code value} as one whole line, or on failure cuts the file back so no fragment stays. */
  public void append(Object value) {
    append(encode(value));
  }

  /**
   * {@code value} as the bytes of one line, for {@link #append(byte[])}: owners serialise before
   * they take their lock, so writers hold it only for the write itself.
   */
  public byte[] encode(Object value) {
    try {
      return (json.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a record for " + file, e);
    }
  }

  /** Writes one line {@link #encode} made, or on failure cuts the file back so no fragment stays. */
  public void append(byte[] line) {
    long before = position();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      lines++;
    } catch (IOException e) {
      try {
        out.truncate(before);
        out.position(before);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /** Takes back the last line, which started at {@code start} (a {@link #position()} read before it). */
  public void takeBackLastLine(long start) {
    try {
      out.truncate(start);
      out.position(start);
      lines--;
      cuts++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take back the last line of " + file, e);
    }
  }

  /** Where the file ends now, in bytes and lines: what a {@link Copy} made from now must keep. */
  public Mark mark() {
    return new Mark(position(), lines, cuts, replacements);
  }

  /** Whether nothing was appended, taken back or replaced since {@code mark}. */
  public boolean unchangedSince(Mark mark) {
    return mark.equals(mark());
  }

  /** A position in the file, the number of lines before it, and the cuts and replacements before it. */
  public record Mark(long position, long lines, long cuts, long replacements) {}

  /** A new version of the file written beside it, not yet in its place. */
  public record Copy(Path path, long lines) {}

  /**
   * Writes one line per value into a file beside this one, flushed to disk. Reads nothing of this
   * file, so its owner may call it without its lock, while appends go on; {@link #replaceWith}
   * then adds what was appended since the {@link Mark} taken with the values.
   */
  public Copy writeCopy(Iterable<?> values) {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    long written = 0;
    try {
      try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        for (Object v : values) {
          w.write(encode(v));
          written++;
        }
      }
      return new Copy(tmp, written);
    } catch (IOException e) {
      discard(tmp, e);
      throw new UncheckedIOException("cannot rewrite " + file, e);
    } catch (UncheckedIOException e) {
      discard(tmp, e);
      throw e;
    }
  }

  /**
   * Puts {@code copy} in the file's place atomically, after appending to it the lines this file
   * got since {@code since}, so no append made while the copy was written is lost. On failure the
   * file stays as it was and the copy is deleted.
   *
   * @return false, with the file as it was and the copy deleted, when a line was taken back since
   *     the mark (what follows it is then not the lines appended since)
   */
  public boolean replaceWith(Copy copy, Mark since) {
    if (since.cuts() != cuts) {
      discard(copy);
      return false;
    }
    try {
      long tail;
      try (FileChannel ch = FileChannel.open(copy.path(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        tail = out.position() - since.position();
        for (long done = 0; done < tail; ) {
          done += out.transferTo(since.position() + done, tail - done, ch);
        }
        ch.force(true);
      }
      Files.move(copy.path(), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      discard(copy.path(), e);
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
    // The old channel still points at the replaced file; switch to the new one.
    try {
      long appended = lines - since.lines();
      out.close();
      out = openChannel();
      lines = copy.lines() + appended;
      replacements++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen " + file, e);
    }
    return true;
  }

  /** Deletes a copy that will not be put in place. */
  private void discard(Copy copy) {
    try {
      Files.deleteIfExists(copy.path());
    } catch (IOException e) {
      log.warn("cannot delete {}: {}", copy.path(), e.getMessage());
    }
  }

  private static void discard(Path tmp, Exception failure) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      failure.addSuppressed(ignored);
    }
  }

  private FileChannel openChannel() throws IOException {
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    long end = endOfLastWholeLine(channel);
    if (end < channel.size()) {
      // A line torn by a crash: cut it off, or the next record would be glued onto it and lost.
      log.warn("cutting off a torn last line of {} ({} bytes)", file, channel.size() - end);
      channel.truncate(end);
    }
    channel.position(end);
    return channel;
  }

  /** The length of the file up to and including its last newline (0 when it has none). */
  private static long endOfLastWholeLine(FileChannel channel) throws IOException {
    ByteBuffer block = ByteBuffer.allocate(8192);
    long end = channel.size();
    while (end > 0) {
      long start = Math.max(0, end - block.capacity());
      block.clear().limit((int) (end - start));
      while (block.hasRemaining() && channel.read(block, start + block.position()) > 0) {
        // fill the block
      }
      for (int i = block.position() - 1; i >= 0; i--) {
        if (block.get(i) == '\n') {
          return start + i + 1;
        }
      }
      end = start;
    }
    return 0;
  }
}
