package dev.tiersync.app.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
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
 * the whole file atomically. Not thread-safe: its owner serialises calls.
 */
public final class JsonLinesFile {
  private static final Logger log = LoggerFactory.getLogger(JsonLinesFile.class);

  private final Path file;
  private final ObjectMapper json;
  private FileChannel out;
  private long lines;

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
    byte[] line;
    try {
      line = (json.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a record for " + file, e);
    }
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
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take back the last line of " + file, e);
    }
  }

  /** Replaces the file with one line per value, atomically; on failure the file stays as it was. */
  public void rewrite(Iterable<?> values) {
    Path tmp = file.resolveSibling(file.getFileName() + ".compact");
    long written = 0;
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (Object v : values) {
          w.write(json.writeValueAsString(v));
          w.write('\n');
          written++;
        }
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        e.addSuppressed(ignored);
      }
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
    // The old channel still points at the replaced file; switch to the new one.
    try {
      out.close();
      out = openChannel();
      lines = written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reopen " + file, e);
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
