package dev.tiersync.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFileTest {
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void open_cutsOffATornLastLine_soTheNextLineStartsClean() throws Exception {
    Path file = tmp.resolve("log.jsonl");
    Files.writeString(file, "{\"n\":1}\n{\"n\":2", StandardCharsets.UTF_8);
    List<String> seen = new ArrayList<>();

    JsonLinesFile log = JsonLinesFile.open(file, json, seen::add);
    log.append(Map.of("n", 3));

    assertThat(seen).containsExactly("{\"n\":1}", "{\"n\":2");
    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":3}\n");
  }

  @Test
  void takeBackLastLine_removesExactlyThatLine() throws Exception {
    Path file = tmp.resolve("sub/log.jsonl");
    JsonLinesFile log = JsonLinesFile.open(file, json, line -> {});
    log.append(Map.of("n", 1));
    long before = log.position();
    log.append(Map.of("n", 2));

    log.takeBackLastLine(before);
    log.append(Map.of("n", 3));

    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":3}\n");
    assertThat(log.lineCount()).isEqualTo(2);
  }

  @Test
  void replaceWith_replacesTheFile_andAppendsGoToTheNewOne() throws Exception {
    Path file = tmp.resolve("log.jsonl");
    JsonLinesFile log = JsonLinesFile.open(file, json, line -> {});
    for (int i = 0; i < 5; i++) {
      log.append(Map.of("n", i));
    }

    log.replaceWith(log.writeCopy(List.of(Map.of("n", 4))), log.mark());
    log.append(Map.of("n", 5));

    assertThat(Files.readString(file)).isEqualTo("{\"n\":4}\n{\"n\":5}\n");
    assertThat(log.lineCount()).isEqualTo(2);
    assertThat(Files.list(tmp)).containsExactly(file);
  }

  @Test
  void replaceWith_keepsTheLinesAppendedWhileTheCopyWasWritten() throws Exception {
    Path file = tmp.resolve("log.jsonl");
    JsonLinesFile log = JsonLinesFile.open(file, json, line -> {});
    for (int i = 0; i < 5; i++) {
      log.append(Map.of("n", i));
    }
    JsonLinesFile.Mark mark = log.mark();
    JsonLinesFile.Copy copy = log.writeCopy(List.of(Map.of("n", 4)));
    log.append(Map.of("n", 5));
    log.append(Map.of("n", 6));

    assertThat(log.replaceWith(copy, mark)).isTrue();
    log.append(Map.of("n", 7));

    assertThat(Files.readString(file)).isEqualTo("{\"n\":4}\n{\"n\":5}\n{\"n\":6}\n{\"n\":7}\n");
    assertThat(log.lineCount()).isEqualTo(4);
    assertThat(Files.list(tmp)).containsExactly(file);
  }

  @Test
  void replaceWith_refusesWhenALineWasTakenBackSinceTheMark_andLeavesTheFileAsItWas() throws Exception {
    Path file = tmp.resolve("log.jsonl");
    JsonLinesFile log = JsonLinesFile.open(file, json, line -> {});
    log.append(Map.of("n", 1));
    long before = log.position();
    log.append(Map.of("n", 2));
    JsonLinesFile.Mark mark = log.mark();
    JsonLinesFile.Copy copy = log.writeCopy(List.of(Map.of("n", 2)));
    // Taken back, then a longer line: its bytes now straddle the mark.
    log.takeBackLastLine(before);
    log.append(Map.of("n", 300000));

    assertThat(log.replaceWith(copy, mark)).isFalse();

    assertThat(Files.readString(file)).isEqualTo("{\"n\":1}\n{\"n\":300000}\n");
    assertThat(Files.list(tmp)).containsExactly(file);
  }
}
