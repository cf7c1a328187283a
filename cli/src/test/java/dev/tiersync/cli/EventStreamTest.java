package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  private static List<String> parse(String stream) throws Exception {
    List<String> events = new ArrayList<>();
    EventStream.parse(
        new BufferedReader(new StringReader(stream)),
        (name, data) -> events.add(name + "=" + data));
    return events;
  }

  @Test
  void parse_namedEventsCommentsAndMultiLineData() throws Exception {
    String stream =
        ":subscribed\n\nevent:job\nid:job-1\ndata:{\"a\":1}\n\n:keepalive\n\n"
            + "event: job\ndata: line1\ndata: line2\n\ndata:unnamed\n\n";

    assertThat(parse(stream))
        .containsExactly("job={\"a\":1}", "job=line1\nline2", "message=unnamed");
  }

  @Test
  void parse_anEventCutOffBeforeItsBlankLine_isNotDispatched() throws Exception {
    assertThat(parse("event:job\ndata:{\"half\":")).isEmpty();
  }

  @Test
  void chunked_decodesChunksAcrossReads_andEndsAtTheZeroChunk() throws Exception {
    String body = "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\nnot part of the body";
    EventStream.Chunked chunked =
        new EventStream.Chunked(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

    assertThat(new String(chunked.readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("hello, world");
    assertThat(chunked.read()).isEqualTo(-1);
  }

  @Test
  void line_stripsCrLfAndLf_andIsNullAtTheEnd() throws Exception {
    ByteArrayInputStream in =
        new ByteArrayInputStream("HTTP/1.1 200 OK\r\nA: b\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThat(EventStream.line(in)).isEqualTo("HTTP/1.1 200 OK");
    assertThat(EventStream.line(in)).isEqualTo("A: b");
    assertThat(EventStream.line(in)).isNull();
  }
}
