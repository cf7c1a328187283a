package dev.tiersync.engine.patch;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Tracks how many bytes were written, so each file's section of a patch can be found again. */
final class CountingOutputStream extends FilterOutputStream {
  long count;

  CountingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    count += len;
  }
}
