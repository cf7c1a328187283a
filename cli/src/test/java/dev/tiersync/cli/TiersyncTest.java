package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a whole: version, usage errors, server and token failures. */
class TiersyncTest {
  @Test
  void version_printsTheVersionLine() {
    Run run = new Run.Builder().run("--version");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).startsWith("tiersync ");
  }

  @Test
  void help_listsEveryCommandButTheWarmUp_andTheExitCodes() {
    Run run = new Run.Builder().run("--help");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .contains("status", "diff", "sync", "resolve", "patch", "jobs", "job", "cancel", "wait")
        .contains("completion", "Exit codes:")
        .doesNotContain("warm-up");
  }

  @Test
  void unknownCommand_isOneLineWithASuggestion_exitThree() {
    Run run = new Run.Builder().run("statsu");

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.err.lines()).hasSize(1);
    assertThat(run.err).startsWith("tiersync: ").contains("did you mean status");
  }

  @Test
  void missingRequiredOption_isOneLine_exitThree() {
    Run run = new Run.Builder().run("sync");

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.err.lines())
        .containsExactly(
            "tiersync: Missing required option: '--direction=DIRECTION' (see 'tiersync sync"
                + " --help')");
  }

  @Test
  void serverDown_isOneLineNamingTheServer_exitThree() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run run =
        new Run.Builder()
            .env("TIERSYNC_TOKEN", "x")
            .run("status", "--server", "http://127.0.0.1:" + port);

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.err.lines()).hasSize(1);
    assertThat(run.err)
        .contains("cannot reach the tiersync server at http://127.0.0.1:" + port)
        .contains("connection refused")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void badServerUrl_isAUsageError() {
    Run run = new Run.Builder().run("jobs", "--server", "ftp://x");

    assertThat(run.exitCode).isEqualTo(3);
    assertThat(run.err).contains("the server URL must look like http://host:port");
  }

  @Test
  void refusedToken_saysWhereItCameFrom_exitThree() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer(
          "GET /api/v1/sync/jobs",
          401,
          "application/problem+json",
          "{\"status\":401,\"detail\":\"a valid bearer token is"
              + " required\",\"field\":\"Authorization\"}");

      Run run = Run.against(server).run("jobs");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err.lines())
          .containsExactly(
              "tiersync: the server at "
                  + server.url()
                  + " refused the API token from TIERSYNC_TOKEN (set TIERSYNC_TOKEN to a token it"
                  + " accepts)");
    }
  }

  @Test
  void tokenFile_isReadFromTiersyncHome_andSentAsBearer(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve("api-token"), "from-file\n");
    try (FakeServer server = new FakeServer()) {
      server.json("GET /api/v1/sync/jobs", "{'items':[],'total':0,'limit':20,'offset':0}");

      Run run =
          new Run.Builder()
              .env("TIERSYNC_URL", server.url())
              .env("TIERSYNC_HOME", home.toString())
              .run("jobs");

      assertThat(run.exitCode).isZero();
      assertThat(server.last("/api/v1/sync/jobs").authorization()).isEqualTo("Bearer from-file");
    }
  }

  @Test
  void noToken_the401NamesTheMissingFile(@TempDir Path home) throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer("GET /api/v1/sync/jobs", 401, "application/problem+json", "{\"status\":401}");

      Run run =
          new Run.Builder()
              .env("TIERSYNC_URL", server.url())
              .env("TIERSYNC_HOME", home.toString())
              .run("jobs");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err)
          .contains("needs an API token")
          .contains(home.resolve("api-token") + " does not exist");
      assertThat(server.last("/api/v1/sync/jobs").authorization()).isNull();
    }
  }

  @Test
  void problemDocument_isTheDetailOnStderr_andTheDocumentOnStdoutWithJson() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer(
          "GET /api/v1/sync/jobs",
          400,
          "application/problem+json",
          "{\"status\":400,\"detail\":\"state must be one of queued,"
              + " running\",\"field\":\"state\"}");

      Run text = Run.against(server).run("jobs", "--state", "nope");
      Run json = Run.against(server).run("jobs", "--state", "nope", "-o", "json");

      assertThat(text.err.lines())
          .containsExactly("tiersync: state must be one of queued, running (HTTP 400)");
      assertThat(text.out).isEmpty();
      assertThat(json.exitCode).isEqualTo(3);
      assertThat(Json.read(json.out).path("field").asText()).isEqualTo("state");
    }
  }

  @Test
  void answerThatIsNotJson_saysTheServerIsNotTiersync() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer("GET /api/v1/sync/jobs", 200, "text/html", "<html>hello</html>");

      Run run = Run.against(server).run("jobs");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).contains("did not answer as tiersync does");
    }
  }

  @Test
  void commandName_skipsRootOptionsAndTheirValues() {
    assertThat(Tiersync.commandName("--server", "http://x", "-o", "json", "status", "-p", "."))
        .isEqualTo("status");
    assertThat(Tiersync.commandName("--color=never", "diff")).isEqualTo("diff");
    assertThat(Tiersync.commandName("--version")).isNull();
  }

  @Test
  void completion_bashScriptCompletesCommandsAndDirections() {
    Run run = new Run.Builder().run("completion", "bash");

    assertThat(run.exitCode).isZero();
    assertThat(run.out)
        .contains("complete -F _complete_tiersync")
        .contains("\"upstream_to_collection\" \"collection_to_project\" \"project_to_collection\"")
        .contains("\"text\" \"json\"")
        .contains("ZSH_VERSION");
  }

  @Test
  void completion_coversTheCollectionCommandsAndTheirSubcommands() {
    Run run = new Run.Builder().run("completion", "bash");

    assertThat(run.out)
        .contains("_picocli_tiersync_collection_create", "_picocli_tiersync_collection_browse")
        .contains("_picocli_tiersync_collection_add", "_picocli_tiersync_collection_pin")
        .contains("_picocli_tiersync_collection_bump", "_picocli_tiersync_collection_remove")
        .contains("_picocli_tiersync_undeploy", "_picocli_tiersync_adopt")
        .contains("_picocli_tiersync_rollback", "_picocli_tiersync_history")
        .contains("\"skill\" \"command\" \"agent\" \"hook\" \"mcp\"");
  }
}
