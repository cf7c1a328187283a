package dev.tiersync.engine.patch;

import java.util.Locale;

/** The archive format of a patch bundle ({@code SYNC_PATCH_EXPORT}). */
public enum BundleFormat {
  /** A gzip-compressed POSIX tar archive. */
  TAR_GZ("tar.gz"),
  /** A zip archive (deflated entries, Unix modes in the external attributes). */
  ZIP("zip");

  private final String id;

  BundleFormat(String id) {
    this.id = id;
  }

  /**
   * The name used in the API, in configuration and as the file extension: {@code tar.gz}, {@code
   * zip}.
   */
  public String id() {
    return id;
  }

  /**
   * Parses {@code tar.gz} or {@code zip} (case-insensitive; {@code tgz} and {@code tar_gz} are
   * accepted for {@code tar.gz}).
   *
   * @throws IllegalArgumentException for any other value
   */
  public static BundleFormat fromId(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "tar.gz", "tgz", "tar_gz" -> TAR_GZ;
      case "zip" -> ZIP;
      default ->
          throw new IllegalArgumentException(
              "format must be 'tar.gz' or 'zip', got '" + value + "'");
    };
  }
}
