package dev.tiersync.engine.content;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes bytes through to a stream that someone else closes: closing this one only flushes. For
 * compressing streams whose close must end their own format but not the file under them.
 */
public final class KeepOpenOutputStream extends FilterOutputStream {
  public KeepOpenOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
