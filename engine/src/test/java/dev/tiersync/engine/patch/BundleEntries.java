package dev.tiersync.engine.patch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads a bundle back for assertions: every entry with its name, Unix mode, time and bytes. */
final class BundleEntries {
  record Entry(
      String name, int mode, boolean symlink, String linkTarget, Instant time, byte[] bytes) {}

  private BundleEntries() {}

  static List<Entry> read(Path bundle, BundleFormat format) throws IOException {
    return format == BundleFormat.TAR_GZ ? readTarGz(bundle) : readZip(bundle);
  }

  static Entry get(List<Entry> entries, String name) {
    return entries.stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entry " + name + " in " + names(entries)));
  }

  static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::name).toList();
  }

  private static List<Entry> readTarGz(Path bundle) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(bundle);
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(raw), "UTF-8")) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        out.add(
            new Entry(
                e.getName(),
                e.getMode(),
                e.isSymbolicLink(),
                e.isSymbolicLink() ? e.getLinkName() : null,
                e.getLastModifiedTime().toInstant(),
                tar.readAllBytes()));
      }
    }
    return out;
  }

  private static List<Entry> readZip(Path bundle) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
      for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        boolean link = e.isUnixSymlink();
        out.add(
            new Entry(
                e.getName(),
                e.getUnixMode(),
                link,
                link ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : null,
                e.getLastModifiedTime().toInstant(),
                bytes));
      }
    }
    return out;
  }
}
