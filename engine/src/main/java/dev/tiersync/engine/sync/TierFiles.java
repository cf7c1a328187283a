package dev.tiersync.engine.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tier files (tracking, {@code collection.toml}, sidecars) as parsed for reads, shared while
 * their bytes are unchanged. Comparing bytes rather than size, mtime and inode matters: concurrent
 * jobs replace a file within one timestamp tick, and a freed inode number is soon reused, so a stat
 * can repeat for different content. Reading a tier file costs far less than parsing it. The parsed
 * files never leave {@link TierReader}, so nothing can change a shared copy; writers parse afresh.
 */
final class TierFiles {
  private final ConcurrentHashMap<Path, Parsed> parsedByFile = new ConcurrentHashMap<>();
  /** The tier files a {@link #pin} on this thread has read so far: path → parsed file, or empty. */
  private final ThreadLocal<Map<Path, Optional<?>>> pinned = new ThreadLocal<>();

  /** A tier file as parsed, and the bytes it was parsed from. */
  private record Parsed(byte[] bytes, Object value) {}

  /** A value parsed from a tier file and its companion (null bytes: absent), with their bytes. */
  private record ParsedPair(byte[] bytes, byte[] companion, Object value) {}

  private final ConcurrentHashMap<Path, ParsedPair> parsedPairs = new ConcurrentHashMap<>();

  /** Parses a tier file together with a companion file that may be absent (null bytes). */
  @FunctionalInterface
  interface PairParser<T> {
    T parse(Path file, byte[] bytes, Path companion, byte[] companionBytes);
  }

  /**
   * A value parsed from {@code file} and {@code companion}, shared while the bytes of both are
   * unchanged; empty when {@code file} does not exist.
   */
  <T> Optional<T> readPair(Path file, Path companion, PairParser<T> parser) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      parsedPairs.remove(file);
      return Optional.empty();
    }
    byte[] other;
    try {
      other = Files.readAllBytes(companion);
    } catch (NoSuchFileException e) {
      other = null;
    }
    ParsedPair parsed = parsedPairs.get(file);
    if (parsed == null
        || !Arrays.equals(parsed.bytes(), bytes)
        || !Arrays.equals(parsed.companion(), other)) {
      parsed = new ParsedPair(bytes, other, parser.parse(file, bytes, companion, other));
      parsedPairs.put(file, parsed);
    }
    @SuppressWarnings("unchecked")
    T value = (T) parsed.value();
    return Optional.of(value);
  }

  /** Parses the bytes of a tier file. */
  @FunctionalInterface
  interface Parser<T> {
    T parse(Path file, byte[] bytes);
  }

  /** See {@link TierReader#pin}. */
  TierReader.Pin pin() {
    if (pinned.get() != null) {
      return () -> {};
    }
    pinned.set(new HashMap<>());
    return pinned::remove;
  }

  /** The parsed file, shared by reads while its bytes are unchanged; empty when it does not exist. */
  <T> Optional<T> read(Path file, Parser<T> parser) throws IOException {
    Map<Path, Optional<?>> pin = pinned.get();
    if (pin == null) {
      return readShared(file, parser);
    }
    @SuppressWarnings("unchecked")
    Optional<T> seen = (Optional<T>) pin.get(file);
    if (seen == null) {
      seen = readShared(file, parser);
      pin.put(file, seen);
    }
    return seen;
  }

  private <T> Optional<T> readShared(Path file, Parser<T> parser) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      parsedByFile.remove(file);
      return Optional.empty();
    }
    Parsed parsed = parsedByFile.get(file);
    if (parsed == null || !Arrays.equals(parsed.bytes(), bytes)) {
      parsed = new Parsed(bytes, parser.parse(file, bytes));
      parsedByFile.put(file, parsed);
    }
    @SuppressWarnings("unchecked")
    T value = (T) parsed.value();
    return Optional.of(value);
  }
}
