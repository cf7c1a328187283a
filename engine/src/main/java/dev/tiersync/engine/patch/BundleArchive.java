package dev.tiersync.engine.patch;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.ContentLoader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a bundle archive atomically (temp file beside the target, fsync, rename) and reproducibly:
 * entries in the given order, one fixed time on every entry, owner and group 0 with empty names,
 * and no gzip timestamp, so equal inputs give equal bytes.
 */
final class BundleArchive {
  static final int REGULAR = 0100644;
  static final int EXECUTABLE = 0100755;
  static final int SYMLINK = 0120777;

  /**
   * Deflating is most of a bundle's time. On the benchmark's bundle of a 10 MiB text skill
   * (docs/benchmarks.md) level 1 wrote it in 0.46x the time of level 6 and level 6 in 0.87x that of
   * level 9 ({@code BEST_COMPRESSION}), for a bundle 8% larger than level 9's (3.0 against 2.8
   * MB): a bundle is downloaded once and applied, so speed wins.
   */
  static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;

  /** The deflater's output chunk: commons-compress's default of 512 bytes means a call per 512. */
  private static final int GZIP_BUFFER = 1 << 16;

  /**
   * One entry. {@code linkTarget} is non-null for a symlink (then the other content fields are
   * ignored); otherwise {@code content} must yield exactly {@code size} bytes, whose sha256 must be
   * {@code sha256} when that is non-null.
   */
  record Entry(
      String name,
      int unixMode,
      long size,
      ContentLoader content,
      String sha256,
      String linkTarget) {
    Entry {
      EntryNames.requireSafe(name);
    }

    static Entry file(String name, int unixMode, long size, ContentLoader content, String sha256) {
      return new Entry(name, unixMode, size, content, sha256, null);
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, SYMLINK, 0, null, null, target);
    }
  }

  /** The written archive's digest and size. */
  record Written(String sha256, long sizeBytes) {}

  private BundleArchive() {}

  static Written write(Path target, BundleFormat format, Instant time, List<Entry> entries)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      switch (format) {
        case TAR_GZ -> writeTarGz(tmp, time, entries);
        case ZIP -> writeZip(tmp, time, entries);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Written written = digest(tmp);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return written;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void writeTarGz(Path file, Instant time, List<Entry> entries) throws IOException {
    GzipParameters gzip = new GzipParameters();
    gzip.setCompressionLevel(COMPRESSION_LEVEL);
    gzip.setBufferSize(GZIP_BUFFER);
    gzip.setModificationTime(0);
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw, gzip);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry t =
            e.linkTarget() != null
                ? new TarArchiveEntry(e.name(), TarConstants.LF_SYMLINK)
                : new TarArchiveEntry(e.name());
        t.setMode(e.unixMode());
        t.setModTime(FileTime.from(time));
        t.setIds(0, 0);
        t.setUserName("");
        t.setGroupName("");
        if (e.linkTarget() != null) {
          t.setLinkName(e.linkTarget());
          tar.putArchiveEntry(t);
        } else {
          t.setSize(e.size());
          tar.putArchiveEntry(t);
          copy(e, tar);
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static void writeZip(Path file, Instant time, List<Entry> entries) throws IOException {
    // A seekable target lets the writer patch sizes into the local headers instead of appending
    // data descriptors, and zip's DOS times are local wall-clock times: writing the UTC wall clock
    // of the bundle time keeps the bytes independent of the machine's time zone.
    long dosTime =
        LocalDateTime.ofInstant(time, ZoneOffset.UTC)
            .atZone(ZoneId.systemDefault())
            .toInstant()
            .toEpochMilli();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
      zip.setEncoding("UTF-8");
      zip.setLevel(COMPRESSION_LEVEL);
      for (Entry e : entries) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.name());
        z.setUnixMode(e.unixMode());
        z.setTime(dosTime);
        zip.putArchiveEntry(z);
        if (e.linkTarget() != null) {
          // Info-ZIP stores a link as its target string with the link bit in the Unix mode.
          zip.write(e.linkTarget().getBytes(StandardCharsets.UTF_8));
        } else {
          copy(e, zip);
        }
        zip.closeArchiveEntry();
      }
      zip.finish();
    }
  }

  private static void copy(Entry e, OutputStream out) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    long n;
    try (InputStream in = new DigestInputStream(e.content().open(), md)) {
      n = in.transferTo(out);
    }
    // The patch was made from the bytes read earlier; a file edited since must not slip into the
    // bundle as a copy that disagrees with its patch.
    if (n != e.size()
        || (e.sha256() != null && !HexFormat.of().formatHex(md.digest()).equals(e.sha256()))) {
      throw new IOException(e.name() + " changed while the bundle was being written; retry");
    }
  }

  private static Written digest(Path file) throws IOException {
    MessageDigest md = ArtifactTree.sha256();
    long size = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    return new Written(HexFormat.of().formatHex(md.digest()), size);
  }
}
