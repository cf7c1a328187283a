package dev.tiersync.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A secret generated on first start into the data dir (the API token, the webhook key): 32 random
 * bytes, URL-safe Base64, in a file that is owner-only from the moment it exists.
 */
public final class SecretFile {
  private SecretFile() {}

  /**
   * Generates the secret into {@code file}.
   *
   * @return the secret, or empty when another process created the file first (read it then)
   */
  public static Optional<String> create(Path file, String what) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      return Optional.of(secret);
    } catch (FileAlreadyExistsException raced) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + what + " " + file, e);
    }
  }

  /**
   * Reads the secret in {@code file}.
   *
   * @param whenEmpty what to do about an empty file, for the message
   */
  public static String read(Path file, String what, String whenEmpty) {
    try {
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalStateException(what + " " + file + " is empty: " + whenEmpty);
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + what + " " + file, e);
    }
  }

  /** The secret in {@code file}, generated first if the file does not exist. */
  public static String readOrCreate(Path file, String what, String whenEmpty) {
    if (!Files.exists(file)) {
      Optional<String> created = create(file, what);
      if (created.isPresent()) {
        return created.get();
      }
    }
    return read(file, what, whenEmpty);
  }
}
