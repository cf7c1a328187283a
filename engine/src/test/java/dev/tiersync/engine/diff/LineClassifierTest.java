package dev.tiersync.engine.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineClassifierTest {
  @Test
  void classes_areNumberedByFirstAppearanceAcrossBothFiles() {
    LineClassifier c = classify("a\nb\na\n", "c\nb\nb\nd");

    assertThat(c.classes1).containsExactly(0, 1, 0);
    assertThat(c.classes2).containsExactly(2, 1, 1, 3);
    assertThat(c.count1).containsExactly(2, 1, 0, 0);
    assertThat(c.count2).containsExactly(0, 2, 1, 1);
  }

  @Test
  void classes_separateLinesThatDifferOnlyInTheirEnd() {
    LineClassifier c = classify("x\r\nx\nx", "x\nx\r\nx");

    assertThat(c.classes1).containsExactly(0, 1, 2);
    assertThat(c.classes2).containsExactly(1, 0, 2);
  }

  /**
   * Whatever the edits (lines inserted, removed, replaced, moved, repeated), a line's class is the
   * number of its distinct content in order of first appearance, as a map of the lines gives it.
   */
  @Test
  void classes_ofEditedFiles_agreeWithAMapOfTheLines() {
    Random r = new Random(11);
    for (int t = 0; t < 2000; t++) {
      int vocabulary = 1 + r.nextInt(t % 2 == 0 ? 4 : 100);
      List<String> a = new ArrayList<>();
      for (int i = r.nextInt(80); i > 0; i--) {
        a.add(line(r, vocabulary));
      }
      List<String> b = new ArrayList<>(a);
      for (int k = r.nextInt(20); k > 0; k--) {
        int at = r.nextInt(b.size() + 1);
        int op = b.isEmpty() ? 0 : r.nextInt(4);
        switch (op) {
          case 0 -> b.add(at, line(r, vocabulary));
          case 1 -> b.remove(Math.min(at, b.size() - 1));
          case 2 -> b.set(Math.min(at, b.size() - 1), line(r, vocabulary));
          default -> {
            String moved = b.remove(r.nextInt(b.size()));
            b.add(Math.min(at, b.size()), moved);
          }
        }
      }
      LineClassifier c = classify(String.join("", a), String.join("", b));
      Map<String, Integer> expected = new HashMap<>();
      int[] count1 = new int[a.size() + b.size()];
      int[] count2 = new int[a.size() + b.size()];
      for (int i = 0; i < a.size(); i++) {
        int cls = expected.computeIfAbsent(a.get(i), k -> expected.size());
        assertThat(c.classes1[i]).isEqualTo(cls);
        count1[cls]++;
      }
      for (int i = 0; i < b.size(); i++) {
        int cls = expected.computeIfAbsent(b.get(i), k -> expected.size());
        assertThat(c.classes2[i]).isEqualTo(cls);
        count2[cls]++;
      }
      assertThat(c.count1).containsExactly(Arrays.copyOf(count1, expected.size()));
      assertThat(c.count2).containsExactly(Arrays.copyOf(count2, expected.size()));
    }
  }

  private static String line(Random r, int vocabulary) {
    int w = r.nextInt(vocabulary);
    return "word ".repeat(w % 5) + w + (w % 7 == 0 ? "\r\n" : "\n");
  }

  private static LineClassifier classify(String a, String b) {
    return new LineClassifier(
        LineRecords.split(a.getBytes(StandardCharsets.UTF_8)),
        LineRecords.split(b.getBytes(StandardCharsets.UTF_8)));
  }
}
