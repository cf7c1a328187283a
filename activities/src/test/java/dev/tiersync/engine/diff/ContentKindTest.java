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
