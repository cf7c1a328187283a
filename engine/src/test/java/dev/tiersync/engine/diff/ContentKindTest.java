package dev.tiersync.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentKindTest {
  @Test
  void hasConflictMarkers_requiresAllThreeInOrderAtLineStart() {
    assertThat(markers("<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n")).isTrue();
    assertThat(markers("x\r\n<<<<<<< ours\r\na\r\n||||||| base\r\n=======\r\n>>>>>>> t\r\n")).isTrue();
    assertThat(markers("Title\n=======\ntext\n")).isFalse();
    assertThat(markers("Title\n====\n")).isFalse();
    assertThat(markers("=======\n<<<<<<< a\n>>>>>>> b\n")).isFalse();
    assertThat(markers("  <<<<<<< a\n=======\n>>>>>>> b\n")).isFalse();
    assertThat(markers("<<<<<<<< eight\n=======\n>>>>>>> b\n")).isFalse();
  }

  @Test
  void hasConflictMarkers_onAStream_agreesWithTheBytesVersion() throws Exception {
    String filler = "lorem ipsum dolor sit amet\n".repeat(4000);
    String[] cases = {
      "<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n",
      "x\r\n<<<<<<< ours\r\na\r\n||||||| base\r\n=======\r\n>>>>>>> t\r\n",
      "Title\n=======\ntext\n",
      "<<<<<<<< eight\n=======\n>>>>>>> b\n",
      "<<<<<<<\n=======\n>>>>>>>",
      "<<<<<<< a\n=======\r\n>>>>>>>\rx\n",
      filler + "<<<<<<< a\n" + filler + "=======\n" + filler + ">>>>>>> b\n" + filler,
      filler + "<<<<<<< a\n" + filler + ">>>>>>> b\n",
    };
    for (String c : cases) {
      byte[] bytes = c.getBytes(StandardCharsets.UTF_8);
      assertThat(ContentKind.hasConflictMarkers(new OneByteAtATime(bytes)))
          .as(c.length() > 80 ? c.length() + " bytes" : c)
          .isEqualTo(ContentKind.hasConflictMarkers(bytes));
      assertThat(ContentKind.hasConflictMarkers(new java.io.ByteArrayInputStream(bytes)))
          .isEqualTo(ContentKind.hasConflictMarkers(bytes));
    }
    assertThat(ContentKind.hasConflictMarkers(cases[6].getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  /** Splits every line across reads, as a slow stream may. */
  private static final class OneByteAtATime extends java.io.ByteArrayInputStream {
    OneByteAtATime(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 1));
    }
  }

  @Test
  void isBinary_looksForNulInFirst8000Bytes() {
    assertThat(ContentKind.isBinary(new byte[] {'a', 0})).isTrue();
    byte[] late = new byte[9000];
    java.util.Arrays.fill(late, (byte) 'a');
    late[8500] = 0;
    assertThat(ContentKind.isBinary(late)).isFalse();
  }

  private static boolean markers(String s) {
    return ContentKind.hasConflictMarkers(s.getBytes(StandardCharsets.UTF_8));
  }
}
