package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The command line ({@code scripts/tiersync}, the packaged CLI) as a real process against the
 * packaged app over real HTTP on a real workspace: every command, every exit code, {@code --output
 * json} parsed, progress on a pseudo terminal and piped, Ctrl-C both ways, and the one-line
 * failures (server down, wrong token, unknown artifact). Each test works in a collection and
 * project of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
  private static final Pattern JOB_ID = Pattern.compile("job-[0-9a-f-]{36}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path tmp;
  private Tiers ws;
  private AppProcess app;
  private Api api;
  private CliProcess cli;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory("tiersync-cli-");
    ws = Tiers.create(tmp);
    app = new AppProcess(tmp, TestDataHome.env(ws)).start();
    api = new Api(app.baseUrl());
    cli = new CliProcess(app.baseUrl(), TestDataHome.API_TOKEN);
  }

  @AfterAll
  void stop() throws Exception {
    app.stop();
  }

  /** A collection listing an upstream skill, and a project of the same name. */
  private ProjectFolder upstreamSkill(String scope, String skill, String content) throws Exception {
    ws.upstream().commit("add " + skill, Map.of("skills/" + skill + "/SKILL.md", content));
    ws.collection(scope).list(ws.upstreamSkill(skill));
    return ws.project(scope);
  }

  private static JsonNode json(CliProcess.Result r) throws Exception {
    return JSON.readTree(r.out());
  }

  private static String jobId(String text) {
    Matcher m = JOB_ID.matcher(text);
    assertThat(m.find()).as("a job id in: " + text).isTrue();
    return m.group();
  }

  @Test
  void statusSyncDiff_followTheTiersWithTheirExitCodes() throws Exception {
    ProjectFolder project = upstreamSkill("a", "alpha", "# alpha\none\ntwo\n");
    String p = project.dir().toString();

    // Other tests have fetched the shared upstream before this commit: --refresh fetches again.
    CliProcess.Result missing = cli.run("status", "-c", "a", "--refresh");
    JsonNode missingJson = json(cli.run("status", "-c", "a", "-o", "json"));
    CliProcess.Result plan = cli.run("sync", "-d", "upstream_to_collection", "-c", "a");

    assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
    assertThat(missing.out()).contains("skill:alpha").contains("missing");
    assertThat(missingJson.at("/items/0/status/upstream_to_collection").asText())
        .isEqualTo("missing");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("create  skill:alpha").contains("Apply with --apply");
    assertThat(ws.collection("a").path("skills/alpha")).doesNotExist();

    CliProcess.Result applied =
        cli.run("sync", "-d", "upstream_to_collection", "-c", "a", "--apply", "--yes");
    CliProcess.Result deployed =
        cli.run(
            "sync",
            "-d",
            "collection_to_project",
            "-c",
            "a",
            "-p",
            p,
            "--apply",
            "--yes",
            "skill:alpha");
    CliProcess.Result synced = cli.run("status", "-c", "a", "-p", p);

    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    assertThat(applied.out()).contains("success").contains("skill:alpha  created");
    assertThat(ws.collection("a").path("skills/alpha/SKILL.md")).hasContent("# alpha\none\ntwo\n");
    assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    assertThat(project.dir().resolve(".claude/skills/alpha/SKILL.md")).exists();
    assertThat(synced.exitCode()).as(synced.toString()).isZero();
    assertThat(synced.out()).containsPattern("skill:alpha +synced +synced +synced");

    Files.writeString(
        project.dir().resolve(".claude/skills/alpha/SKILL.md"), "# alpha\none\ntwo, edited\n");
    CliProcess.Result drift = cli.run("status", "-c", "a", "-p", p);
    CliProcess.Result diff = cli.run("diff", "skill:alpha", "-c", "a", "-p", p);
    CliProcess.Result stat = cli.run("diff", "skill:alpha", "-c", "a", "-p", p, "--stat");
    JsonNode diffJson = json(cli.run("diff", "skill:alpha", "-c", "a", "-p", p, "-o", "json"));
    CliProcess.Result same =
        cli.run("diff", "skill:alpha", "-c", "a", "--lhs", "upstream", "--rhs", "collection");

    assertThat(drift.exitCode()).isEqualTo(1);
    assertThat(drift.out()).containsPattern("skill:alpha +synced +modified +modified");
    assertThat(diff.exitCode()).isEqualTo(1);
    assertThat(diff.out())
        .contains("diff --git a/SKILL.md b/SKILL.md", "-two", "+two, edited")
        .doesNotContain("\u001b[");
    assertThat(stat.out())
        .contains(" SKILL.md | 2 +-", " 1 file changed, 1 insertion(+), 1 deletion(-)");
    assertThat(diffJson.get("identical").asBoolean()).isFalse();
    assertThat(diffJson.at("/summary/lines_added").asInt()).isEqualTo(1);
    assertThat(same.exitCode()).isZero();
    assertThat(same.out()).isEmpty();
  }

  @Test
  void conflict_statusAndDiffExitTwo_syncExitsOne_resolveSettlesIt() throws Exception {
    Path skill = ws.collection("b").path("skills/beta");
    Files.createDirectories(skill);
    Files.writeString(skill.resolve("SKILL.md"), "# beta\none\ntwo\nthree\n");
    ProjectFolder project = ws.project("b");
    String p = project.dir().toString();
    assertThat(
            cli.run("sync", "-d", "collection_to_project", "-c", "b", "-p", p, "--apply", "--yes")
                .exitCode())
        .isZero();
    Files.writeString(skill.resolve("SKILL.md"), "# beta\none\ntwo in the collection\nthree\n");
    Path deployed = project.dir().resolve(".claude/skills/beta/SKILL.md");
    Files.writeString(deployed, "# beta\none\ntwo in the project\nthree\n");

    CliProcess.Result status = cli.run("status", "-c", "b", "-p", p);
    CliProcess.Result diff = cli.run("diff", "skill:beta", "-c", "b", "-p", p);
    CliProcess.Result plan =
        cli.run("sync", "-d", "collection_to_project", "-c", "b", "-p", p, "skill:beta");
    CliProcess.Result sync =
        cli.run(
            "sync",
            "-d",
            "collection_to_project",
            "-c",
            "b",
            "-p",
            p,
            "skill:beta",
            "--apply",
            "--yes");

    assertThat(status.exitCode()).as(status.toString()).isEqualTo(2);
    assertThat(status.out()).contains("conflict");
    assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(2);
    assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(1);
    assertThat(plan.out()).contains("conflict: SKILL.md (content)");
    assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(1);
    String conflicted = jobId(sync.out().substring(sync.out().indexOf("Plan: ")));
    assertThat(sync.out()).contains("Resolve with: tiersync resolve --job " + conflicted);
    assertThat(Files.readString(deployed)).contains("<<<<<<< project");

    CliProcess.Result job = cli.run("job", conflicted, "-o", "json");
    CliProcess.Result waited = cli.run("wait", conflicted);
    CliProcess.Result resolved =
        cli.run("resolve", "--job", conflicted, "--strategy", "theirs", "--yes");
    JsonNode jobs = json(cli.run("jobs", "--artifact", "skill:beta", "-o", "json"));

    assertThat(json(job).get("state").asText()).isEqualTo("conflict");
    assertThat(json(job).at("/conflicts/0/path").asText()).isEqualTo("SKILL.md");
    assertThat(waited.exitCode()).isEqualTo(1);
    assertThat(resolved.exitCode()).as(resolved.toString()).isZero();
    assertThat(resolved.out()).contains("success").contains("(resolve collection_to_project)");
    assertThat(Files.readString(deployed)).isEqualTo("# beta\none\ntwo in the collection\nthree\n");
    assertThat(jobs.get("items")).extracting(j -> j.get("job_id").asText()).contains(conflicted);
    assertThat(cli.run("status", "-c", "b", "-p", p).exitCode()).isZero();
  }

  @Test
  void failedSync_exitsTwo() throws Exception {
    ws.collection("c")
        .list(ManifestEntry.upstreamSkill("gone", "file:///nonexistent-tiersync.git"));

    CliProcess.Result sync =
        cli.run("sync", "-d", "upstream_to_collection", "-c", "c", "--apply", "--yes");
    CliProcess.Result status = cli.run("status", "-c", "c");

    assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(2);
    assertThat(sync.out()).contains("error");
    assertThat(status.exitCode()).as("an upstream that cannot be read").isEqualTo(2);
    assertThat(status.out()).contains("skill:gone: upstream:");
  }

  @Test
  void patch_downloadsTheBundle_andPrintsItsSha256() throws Exception {
    ProjectFolder project = upstreamSkill("d", "delta", "# delta\n");
    String p = project.dir().toString();
    cli.run("sync", "-d", "upstream_to_collection", "-c", "d", "--apply", "--yes");
    cli.run("sync", "-d", "collection_to_project", "-c", "d", "-p", p, "--apply", "--yes");
    Files.writeString(
        project.dir().resolve(".claude/skills/delta/SKILL.md"), "# delta\nimproved\n");
    Path out = Files.createDirectories(tmp.resolve("bundles"));

    CliProcess.Result patch =
        cli.run("patch", "skill:delta", "-c", "d", "-p", p, "--out", out.toString());
    JsonNode patchJson =
        json(
            cli.run(
                "patch", "skill:delta", "-c", "d", "-p", p, "--out", out.toString(), "-o", "json"));

    assertThat(patch.exitCode()).as(patch.toString()).isZero();
    Path bundle = out.resolve("tiersync-patch-" + jobId(patch.out()) + ".tar.gz");
    String sha =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bundle)));
    assertThat(patch.out())
        .contains("sha256:       " + sha + " (matches the server's)")
        .contains("trial apply:  clean")
        .contains("pull request: none (the upstream is not on GitHub)");
    assertThat(Path.of(patchJson.get("bundle_file").asText())).exists();
    assertThat(patchJson.at("/result/sha256").asText()).hasSize(64);
  }

  @Test
  void progress_piped_isOneLinePerTransition_onATerminal_aBarInPlace() throws Exception {
    ProjectFolder project = upstreamSkill("e", "echo", "# echo\n");
    cli.run("sync", "-d", "upstream_to_collection", "-c", "e", "--apply", "--yes");

    CliProcess.Result piped =
        cli.run(
            "sync",
            "-d",
            "collection_to_project",
            "-c",
            "e",
            "-p",
            project.dir().toString(),
            "--apply",
            "--yes");
    Files.writeString(ws.collection("e").path("skills/echo/SKILL.md"), "# echo\nv2\n");
    Process onTerminal =
        cli.startOnTerminal(
            "sync",
            "-d",
            "collection_to_project",
            "-c",
            "e",
            "-p",
            project.dir().toString(),
            "--apply",
            "--yes");
    CliProcess.Result drawn = CliProcess.finish(onTerminal);

    assertThat(piped.err().lines())
        .anyMatch(l -> l.matches("job-\\S+: running \\(apply \\d+%\\).*"))
        .anyMatch(l -> l.matches("job-\\S+: success \\(done 100%\\)"))
        .noneMatch(l -> l.contains("\r"));
    assertThat(drawn.exitCode()).as(drawn.toString()).isZero();
    assertThat(drawn.out())
        .containsPattern("\r[|/\\\\-] job-[0-9a-f]{8} apply +\\[#*-*\\] +\\d+%")
        .contains("[####################] 100%")
        .contains("\u001b[K")
        .contains("\u001b[32msuccess\u001b[0m");
  }

  /**
   * Holds the writer lock of the project of {@code scope} (an OS file lock, {@link
   * dev.tiersync.engine.tier.TierWriteLock}) from this test's process, so that a job applying to
   * the project waits in its apply, as one waits behind another writer, until the lock is closed:
   * the interrupt then always comes while the job writes.
   */
  private WriterLockHeld holdWriterLock(String scope) throws Exception {
    Path claude = Files.createDirectories(ws.project(scope).dir().resolve(".claude"));
    FileChannel channel =
        FileChannel.open(
            claude.resolve(dev.tiersync.engine.tier.TierWriteLock.LOCK_FILE),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return new WriterLockHeld(channel, channel.lock());
  }

  /** A writer lock this test holds; closing releases it (again: nothing). */
  private record WriterLockHeld(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() throws java.io.IOException {
      if (channel.isOpen()) {
        lock.release();
        channel.close();
      }
    }
  }

  /**
   * The arguments of a sync that applies a 2,500-file skill to the project of {@code scope}: long
   * enough to be interrupted while it writes.
   */
  private String[] applyBigSkill(String scope) throws Exception {
    RestartContract.writeVersion(ws.collection(scope).path("skills/big"), "v1");
    String project = ws.project(scope).dir().toString();
    return new String[] {
      "sync",
      "-d",
      "collection_to_project",
      "-c",
      scope,
      "-p",
      project,
      "skill:big",
      "--apply",
      "--yes"
    };
  }

  @Test
  void ctrlC_piped_exits130AndLeavesTheJobRunning() throws Exception {
    String job;
    try (WriterLockHeld held = holdWriterLock("f")) {
      Process run = cli.start(applyBigSkill("f"));
      CliProcess.StreamText err = new CliProcess.StreamText(run.getErrorStream());
      new CliProcess.StreamText(run.getInputStream());
      String seen = err.await(t -> t.contains("running (apply"), Duration.ofSeconds(60));
      job = jobId(seen.lines().filter(l -> l.contains("running (apply")).findFirst().orElseThrow());

      CliProcess.interrupt(run.pid());

      assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
      err.join();
      assertThat(run.exitValue()).as(err.text()).isEqualTo(130);
      assertThat(err.text()).contains("interrupted; job " + job + " keeps running on the server");
    }
    assertThat(api.awaitTerminal(job, Duration.ofSeconds(120)).get("state").asText())
        .isEqualTo("success");
  }

  @Test
  void ctrlC_onATerminal_asksAndCancelsTheJob() throws Exception {
    try (WriterLockHeld held = holdWriterLock("g")) {
      Process run = cli.startOnTerminal(applyBigSkill("g"));
      CliProcess.StreamText screen = new CliProcess.StreamText(run.getInputStream());
      String seen = screen.await(t -> t.contains(" apply "), Duration.ofSeconds(60));
      String shortId = seen.substring(seen.lastIndexOf(" apply ") - 12, seen.lastIndexOf(" apply "));
      long java =
          run.descendants()
              .filter(h -> h.info().commandLine().orElse("").contains("tiersync-cli.jar"))
              .findFirst()
              .orElseThrow()
              .pid();

      CliProcess.interrupt(java);
      screen.await(t -> t.contains("Cancel job "), Duration.ofSeconds(10));
      CliProcess.type(run, "y");
      // The apply was held at the project's writer lock until the cancel was asked for.
      held.close();

      assertThat(run.waitFor(90, TimeUnit.SECONDS)).isTrue();
      screen.join();
      String job = jobId(screen.text().substring(screen.text().indexOf("Cancel job ")));
      assertThat(job).startsWith(shortId);
      assertThat(run.exitValue()).as(screen.text()).isEqualTo(130);
      assertThat(screen.text()).contains("canceled");
      assertThat(api.get("/api/v1/sync/jobs/" + job).body().get("state").asText())
          .isEqualTo("canceled");
    }
  }

  @Test
  void failures_areOneLine_exitThree() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    CliProcess.Result down = cli.run("status", "--server", "http://127.0.0.1:" + closed);
    CliProcess.Result badToken = new CliProcess(app.baseUrl(), "wrong-token").run("jobs");
    CliProcess.Result unknown = cli.run("diff", "skill:does-not-exist");
    CliProcess.Result unknownJob = cli.run("cancel", "job-does-not-exist");
    CliProcess.Result usage = cli.run("sync", "--direction");

    for (CliProcess.Result r :
        new CliProcess.Result[] {down, badToken, unknown, unknownJob, usage}) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
      assertThat(r.err().lines())
          .as(r.toString())
          .hasSize(1)
          .allMatch(l -> l.startsWith("tiersync: "));
      assertThat(r.out()).isEmpty();
    }
    assertThat(down.err())
        .contains("cannot reach the tiersync server at http://127.0.0.1:" + closed);
    assertThat(badToken.err()).contains("refused the API token from TIERSYNC_TOKEN");
    assertThat(unknown.err()).contains("skill:does-not-exist").contains("(HTTP 404)");
    assertThat(unknownJob.err()).contains("no job job-does-not-exist (HTTP 404)");
  }

  @Test
  void tokenFile_isReadFromTiersyncHome() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("cli-home"));
    Files.writeString(home.resolve("api-token"), TestDataHome.API_TOKEN + "\n");

    CliProcess.Result jobs =
        new CliProcess(app.baseUrl(), null)
            .env("TIERSYNC_HOME", home.toString())
            .run("jobs", "-o", "json");

    assertThat(jobs.exitCode()).as(jobs.toString()).isZero();
    assertThat(json(jobs).has("items")).isTrue();
  }

  @Test
  void versionAndCompletion() throws Exception {
    CliProcess.Result version = cli.run("--version");
    CliProcess.Result completion = cli.run("completion", "zsh");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("tiersync ");
    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out()).contains("bashcompinit").contains("_complete_tiersync");
  }
}
