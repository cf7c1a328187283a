package dev.tiersync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffCommandTest {
  private static final String DIFF =
      "{'artifact_id':'skill:a','lhs':'collection','rhs':'project','identical':false,"
          + "'files':[{'path':'SKILL.md','status':'modified','lines_added':1,'lines_removed':1,"
          + "'binary':false,"
          + "'unified_diff':'--- a/SKILL.md\\n+++ b/SKILL.md\\n@@ -1 +1 @@\\n-old\\n+new\\n'},"
          + "{'path':'logo.png','status':'added','lines_added':0,'lines_removed':0,'binary':true,"
          + "'old_size':null,'new_size':42,'new_mode':'100644','unified_diff':null},"
          + "{'path':'same.md','status':'unchanged','binary':false,'unified_diff':null}],"
          + "'summary':{'files_added':1,'files_removed':0,'files_modified':1,'lines_added':1,"
          + "'lines_removed':1},'truncated':false}";

  private static FakeServer server(String edgeStatus) throws Exception {
    return new FakeServer()
        .json("GET /api/v1/artifacts/skill%3Aa/diff", DIFF)
        .json(
            "GET /api/v1/artifacts/skill%3Aa/versions",
            "{'status':{'collection_to_project':'"
                + edgeStatus
                + "','overall':'"
                + edgeStatus
                + "'}}");
  }

  @Test
  void diff_piped_isAPlainGitStyleDiff_exitOneForDrift() throws Exception {
    try (FakeServer server = server("modified")) {
      Run run = Run.against(server).run("diff", "skill:a", "-p", "/p");

      assertThat(run.exitCode).isEqualTo(1);
      assertThat(run.out)
          .isEqualTo(
              "diff --git a/SKILL.md b/SKILL.md\n--- a/SKILL.md\n+++ b/SKILL.md\n@@ -1 +1 @@\n"
                  + "-old\n+new\n"
                  + "diff --git a/logo.png b/logo.png\nnew file mode 100644\n"
                  + "Binary files /dev/null and b/logo.png differ\n");
      assertThat(server.last("/api/v1/artifacts/skill%3Aa/diff").pathAndQuery())
          .contains("lhs=collection&rhs=project");
    }
  }

  @Test
  void diff_onATerminal_isColoured_butNotWithNoColor() throws Exception {
    try (FakeServer server = server("modified")) {
      Run tty = Run.against(server).tty().run("diff", "skill:a", "-p", "/p");
      Run noColor =
          Run.against(server).tty().env("NO_COLOR", "x").run("diff", "skill:a", "-p", "/p");

      assertThat(tty.out)
          .contains("\u001b[31m-old\u001b[0m", "\u001b[32m+new\u001b[0m", "\u001b[36m@@");
      assertThat(noColor.out).doesNotContain("\u001b[");
    }
  }

  @Test
  void diff_withoutAProject_comparesUpstreamWithCollection() throws Exception {
    try (FakeServer server = server("outdated")) {
      Run.against(server).run("diff", "skill:a");

      assertThat(server.last("/api/v1/artifacts/skill%3Aa/diff").pathAndQuery())
          .contains("lhs=upstream&rhs=collection")
          .doesNotContain("project_path");
    }
  }

  @Test
  void diff_ofAConflictedEdge_exitsTwo() throws Exception {
    try (FakeServer server = server("conflict")) {
      assertThat(Run.against(server).run("diff", "skill:a", "-p", "/p").exitCode).isEqualTo(2);
    }
  }

  @Test
  void diff_identical_printsNothing_exitZero_withoutAskingForTheStatus() throws Exception {
    try (FakeServer server =
        new FakeServer()
            .json(
                "GET /api/v1/artifacts/skill%3Aa/diff",
                "{'identical':true,'files':[],'summary':{},'truncated':false}")) {
      Run run = Run.against(server).run("diff", "skill:a", "--lhs", "base", "--rhs", "collection");

      assertThat(run.exitCode).isZero();
      assertThat(run.out).isEmpty();
      assertThat(server.last("/api/v1/artifacts/skill%3Aa/versions")).isNull();
    }
  }

  @Test
  void diff_stat_isGitsStatFormat() throws Exception {
    try (FakeServer server = server("modified")) {
      Run run = Run.against(server).run("diff", "skill:a", "-p", "/p", "--stat");

      assertThat(run.out.lines())
          .containsExactly(
              " SKILL.md | 2 +-",
              " logo.png | Bin 0 -> 42 bytes",
              " 2 files changed, 1 insertion(+), 1 deletion(-)");
    }
  }

  @Test
  void diff_unknownArtifact_isTheServersOneLine_exitThree() throws Exception {
    try (FakeServer server = new FakeServer()) {
      server.answer(
          "GET /api/v1/artifacts/skill%3Anope/diff",
          404,
          "application/problem+json",
          "{\"status\":404,\"detail\":\"no tier has the artifact skill:nope\"}");

      Run run = Run.against(server).run("diff", "skill:nope");

      assertThat(run.exitCode).isEqualTo(3);
      assertThat(run.err).isEqualTo("tiersync: no tier has the artifact skill:nope (HTTP 404)\n");
    }
  }

  @Test
  void shortStat_andGraph_scaleAsGitDoes() throws Exception {
    assertThat(DiffPrinter.shortStat(Json.read("{\"files_modified\":1,\"lines_added\":1}")))
        .isEqualTo("1 file changed, 1 insertion(+)");
    assertThat(DiffPrinter.shortStat(Json.read("{\"files_removed\":2,\"lines_removed\":3}")))
        .isEqualTo("2 files changed, 3 deletions(-)");
    assertThat(DiffPrinter.graph(3, 2, 10)).containsExactly(3, 2);
    assertThat(DiffPrinter.graph(300, 100, 400)).containsExactly(30, 10);
    assertThat(DiffPrinter.graph(1, 399, 400)).containsExactly(1, 39);
  }
}
