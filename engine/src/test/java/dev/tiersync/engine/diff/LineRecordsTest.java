package dev.tiersync.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineRecordsTest {
  @Test
  void split_keepsEachLineFeedWithItsLineAndAnUnterminatedLastLine() {
    assertThat(records("")).isEmpty();
    assertThat(records("\n")).containsExactly("\n");
    assertThat(records("a")).containsExactly("a");
    assertThat(records("a\r\nb\n\nc")).containsExactly("a\r\n", "b\n", "\n", "c");
    // Line feeds at every position of a word and across word boundaries, and a tail shorter
    // than a word.
    assertThat(records("1234567\n12345678\n\n\n\n\n\n\n\n\nab\n"))
        .containsExactly(
            "1234567\n", "12345678\n", "\n", "\n", "\n", "\n", "\n", "\n", "\n", "\n", "ab\n");
  }

  @Test
  void split_ofRandomText_joinsBackToTheBytesWithALineFeedOnlyAtEachEnd() {
    Random r = new Random(7);
    for (int t = 0; t < 500; t++) {
      byte[] data = new byte[r.nextInt(300)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) (r.nextInt(4) == 0 ? '\n' : r.nextInt(4) == 0 ? 0x8A : 'a' + r.nextInt(3));
      }
      LineRecords lines = LineRecords.split(data);
      int at = 0;
      for (int i = 0; i < lines.size(); i++) {
        assertThat(lines.start(i)).isEqualTo(at);
        for (int p = lines.start(i); p < lines.end(i) - 1; p++) {
          assertThat(data[p]).isNotEqualTo((byte) '\n');
        }
        at = lines.end(i);
        assertThat(lines.hasNewline(i)).isEqualTo(data[at - 1] == '\n');
      }
      assertThat(at).isEqualTo(data.length);
    }
  }

  private static List<String> records(String s) {
    LineRecords lines = LineRecords.split(s.getBytes(StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      out.add(new String(lines.data(), lines.start(i), lines.length(i), StandardCharsets.UTF_8));
    }
    return out;
  }
}
