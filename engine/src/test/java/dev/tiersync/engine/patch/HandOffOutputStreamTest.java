package dev.tiersync.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandOffOutputStreamTest {
  @Test
  void close_hasWrittenEveryByteInOrderAndClosedTheWrappedStream() throws IOException {
    byte[] data = new byte[HandOffOutputStream.CHUNK * (HandOffOutputStream.QUEUED + 3) + 123];
    new Random(7).nextBytes(data);
    boolean[] closed = {false};
    ByteArrayOutputStream sink =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    try (HandOffOutputStream out = new HandOffOutputStream(sink, "test-hand-off")) {
      out.write(data[0]);
      // Writes of odd sizes that straddle chunk boundaries.
      for (int off = 1; off < data.length; off += 40_000) {
        out.write(data, off, Math.min(40_000, data.length - off));
      }
    }
    assertThat(sink.toByteArray()).isEqualTo(data);
    assertThat(closed[0]).isTrue();
  }

  @Test
  void aFailureOfTheWrappedStream_isThrownToTheWriter_whoIsNeverLeftWaiting() {
    OutputStream failing =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk full");
          }
        };
    byte[] chunk = new byte[HandOffOutputStream.CHUNK];
    assertThatThrownBy(
            () -> {
              try (HandOffOutputStream out = new HandOffOutputStream(failing, "test-hand-off")) {
                for (int i = 0; i < 10 * HandOffOutputStream.QUEUED; i++) {
                  out.write(chunk);
                }
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
  }
}
