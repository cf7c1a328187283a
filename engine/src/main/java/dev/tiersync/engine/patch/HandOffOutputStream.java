package dev.tiersync.engine.patch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands what is written to it, in chunks of 64 KiB, to a thread of its own that writes them into
 * the wrapped stream, as a pipe between two processes would ({@code tar | gzip}). A bundle's
 * archive writer reads files, hashes and frames them while its deflater compresses what came
 * before, on another core. At most {@link #QUEUED} chunks wait, so memory stays bounded.
 *
 * <p>The wrapped stream sees the same bytes in the same chunks whatever the timing, so its output
 * is as reproducible as before. {@link #close()} waits for every chunk to be written, closes the
 * wrapped stream and throws what the other thread failed with, unless a write already threw it;
 * after a failure, chunks are taken and dropped.
 */
final class HandOffOutputStream extends OutputStream {
  static final int CHUNK = 1 << 16;
  static final int QUEUED = 4;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Thread consumer;
  private volatile IOException failure;
  /** Whether the writer has been given {@link #failure} (a second throw would suppress itself). */
  private boolean failureThrown;
  private byte[] chunk = new byte[CHUNK];
  private int filled;
  private boolean closed;

  HandOffOutputStream(OutputStream out, String threadName) {
    consumer = new Thread(() -> drain(out), threadName);
    consumer.setDaemon(true);
    consumer.start();
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == CHUNK) {
      handOff();
    }
    chunk[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == CHUNK) {
        handOff();
      }
      int n = Math.min(len, CHUNK - filled);
      System.arraycopy(b, off, chunk, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (filled > 0) {
        handOff();
      }
      put(END);
      consumer.join();
    } catch (InterruptedException e) {
      consumer.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the archive was being compressed");
    }
    throwFailure();
  }

  private void throwFailure() throws IOException {
    if (failure != null && !failureThrown) {
      failureThrown = true;
      throw failure;
    }
  }

  private void handOff() throws IOException {
    throwFailure();
    byte[] full = filled == CHUNK ? chunk : Arrays.copyOf(chunk, filled);
    try {
      put(full);
    } catch (InterruptedException e) {
      consumer.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the archive was being compressed");
    }
    chunk = new byte[CHUNK];
    filled = 0;
  }

  private void put(byte[] b) throws InterruptedException {
    queue.put(b);
  }

  /** Writes chunks until the end; after a failure keeps taking them so the writer never blocks. */
  private void drain(OutputStream out) {
    try (out) {
      for (byte[] b = queue.take(); b != END; b = queue.take()) {
        if (failure == null) {
          try {
            out.write(b);
          } catch (IOException e) {
            failure = e;
          }
        }
      }
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("interrupted while the archive was being compressed");
    }
  }
}
