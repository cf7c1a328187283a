package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static JsonNode job(String json) throws Exception {
    return Json.read(json.replace('\'', '"'));
  }

  private static final String APPLYING =
      "{'job_id':'job-12345678-aaaa','state':'running','phase':'apply','pct':75,"
          + "'artifacts':[{'artifact_id':'skill:a'}],'plans':[{'artifact_id':'skill:a',"
          + "'action':'update'},{'artifact_id':'skill:b','action':'none'},"
          + "{'artifact_id':'skill:c','action':'create'}]}";

  @Test
  void currentArtifact_inApply_isTheFirstPlannedWriteNotYetReported() throws Exception {
    assertThat(Progress.currentArtifact(job(APPLYING))).isEqualTo("skill:c");
  }

  @Test
  void currentArtifact_beforeApply_isTheOnlyOneAskedFor_andNoneOnceEnded() throws Exception {
    assertThat(
            Progress.currentArtifact(
                job("{'state':'running','phase':'fetch','request':{'artifact_ids':['skill:x']}}")))
        .isEqualTo("skill:x");
    assertThat(
            Progress.currentArtifact(
                job("{'state':'running','phase':'fetch','request':{'artifact_ids':['a','b']}}")))
        .isNull();
    assertThat(
            Progress.currentArtifact(job("{'state':'success','artifacts':[{'artifact_id':'a'}]}")))
        .isNull();
  }

  @Test
  void describe_aQueuedJobSaysWhyItWaits() throws Exception {
    JsonNode queued =
        job(
            "{'job_id':'job-1','state':'queued','phase':'queued','pct':0,"
                + "'waiting_reason':'waiting for lock on project skill:x, held by job job-2'}");

    assertThat(Progress.describe(queued))
        .isEqualTo(
            "job-1: queued (queued 0%) waiting for lock on project skill:x, held by job job-2");
  }

  @Test
  void bar_showsPhasePctAndArtifact_cutToTheTerminal_andClearsItsLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress.Bar bar = new Progress.Bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 40);

    bar.show(job(APPLYING));
    bar.clear();

    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertThat(Progress.Bar.render(job(APPLYING), 0))
        .isEqualTo("| job-12345678 apply   [###############-----]  75% skill:c");
    assertThat(drawn).startsWith("\r| job-12345678 apply   [").endsWith("\r\u001b[K");
    assertThat(drawn.split("\r")[1].replace("\u001b[K", "")).hasSize(39);
  }

  @Test
  void lines_printOnlyWhatChanged() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress.Lines lines = new Progress.Lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    JsonNode running = job("{'job_id':'job-1','state':'running','phase':'fetch','pct':5}");

    lines.show(running);
    lines.show(running);
    lines.show(job("{'job_id':'job-1','state':'success','phase':'done','pct':100}"));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("job-1: running (fetch 5%)", "job-1: success (done 100%)");
  }
}
