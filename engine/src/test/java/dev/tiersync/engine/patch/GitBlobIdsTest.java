package dev.tiersync.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GitBlobIdsTest {
  @Test
  void blobId_isGitsObjectId_forBytesAndStreams() throws IOException {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 8000, 65_536 + 7, 300_000}) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      String jgit;
      try (org.eclipse.jgit.lib.ObjectInserter.Formatter f = new org.eclipse.jgit.lib.ObjectInserter.Formatter()) {
        jgit = f.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, content).name();
      }

      assertThat(GitBlobIds.blobId(content)).as("size %d", size).isEqualTo(jgit);
      assertThat(GitBlobIds.blobId(size, new ByteArrayInputStream(content))).as("stream of %d", size).isEqualTo(jgit);
    }
    assertThatThrownBy(() -> GitBlobIds.blobId(10, new ByteArrayInputStream(new byte[9])))
        .isInstanceOf(java.io.EOFException.class);
  }
}
