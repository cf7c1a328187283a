package dev.tiersync.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The collection commands of the command line ({@code collection create|browse|add|pin|bump|
 * remove}, {@code undeploy}, {@code adopt}) as a real process against the packaged app, on a real
 * Git upstream made by the test: each planned first, then applied, with its exit codes. Apart from
 * {@link CliIT} to keep each class to one subject; {@code -Dit.test='Cli*IT'} runs both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliCollectionIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALPHA_V1 =
      "---\nname: alpha\ndescription: Reviews code for the team.\n---\n# alpha\nv1\n";
  private static final String ALPHA_V2 =
      "---\nname: alpha\ndescription: Reviews code for the team.\n---\n# alpha\nv2\n";

  private Path tmp;
  private Tiers ws;
  private AppProcess app;
  private CliProcess cli;
  private UpstreamRepo upstream;

  @BeforeAll
  void start() throws Exception {
    tmp = Files.createTempDirectory("tiersync-cli-collection-");
    ws = Tiers.create(tmp);
    upstream = UpstreamRepo.create(Files.createDirectories(tmp.resolve("team-upstream")), "main");
    upstream.commit(
        "add alpha and beta",
        Map.of(
            "skills/alpha/SKILL.md",
            ALPHA_V1,
            "commands/beta.md",
            "---\ndescription: Says beta.\n---\nbeta\n"));
    upstream.tag("v1", true);
    upstream.commit("alpha v2", Map.of("skills/alpha/SKILL.md", ALPHA_V2));
    app = new AppProcess(tmp, TestDataHome.env(ws)).start();
    cli = new CliProcess(app.baseUrl(), TestDataHome.API_TOKEN);
  }

  @AfterAll
  void stop() throws Exception {
    app.stop();
    upstream.close();
  }

  private static JsonNode json(CliProcess.Result r) throws Exception {
    return JSON.readTree(r.out());
  }

  /** Creates the collection {@code name} through the CLI and checks it is there. */
  private Path create(String name) throws Exception {
    CliProcess.Result created = cli.run("collection", "create", name, "--apply", "--yes");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    return ws.collectionsRoot().resolve(name);
  }

  @Test
  void createBrowseAddPinBumpRemove_planFirst_thenApply() throws Exception {
    Path team = ws.collectionsRoot().resolve("team");
    CliProcess.Result planned = cli.run("collection", "create", "team");

    assertThat(planned.exitCode()).as(planned.toString()).isZero();
    assertThat(planned.out())
        .contains("create  collection:team")
        .contains("Nothing written. Apply with --apply.");
    assertThat(team).doesNotExist();

    create("team");
    CliProcess.Result again = cli.run("collection", "create", "team", "--apply", "--yes");

    assertThat(team.resolve("collection.toml")).exists();
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(3);
    assertThat(again.err())
        .isEqualTo("tiersync: collection 'team' already exists (field name, HTTP 409)\n");

    String url = upstream.url();
    CliProcess.Result browse = cli.run("collection", "browse", upstream.bareDir().toString());
    JsonNode browseJson =
        json(
            cli.run(
                "collection",
                "browse",
                upstream.bareDir().toString(),
                "--ref",
                "v1",
                "-o",
                "json"));

    assertThat(browse.exitCode()).as(browse.toString()).isZero();
    assertThat(browse.out())
        .containsPattern(
            "skill:alpha +skills/alpha +20\\d\\d-\\d\\d-\\d\\d alpha v2 +Reviews code for the"
                + " team\\.")
        .containsPattern(
            "command:beta +commands/beta\\.md +20\\d\\d-\\d\\d-\\d\\d add alpha and beta +Says"
                + " beta\\.")
        .contains("2 artifacts.");
    assertThat(browseJson.get("ref").asText()).isEqualTo("v1");
    assertThat(browseJson.get("items"))
        .extracting(i -> i.get("path").asText())
        .containsExactlyInAnyOrder("skills/alpha", "commands/beta.md");

    CliProcess.Result addPlan =
        cli.run("collection", "add", url, "skills/alpha", "commands/beta.md", "-c", "team");
    assertThat(addPlan.exitCode()).as(addPlan.toString()).isZero();
    assertThat(addPlan.out()).contains("create  skill:alpha").contains("create  command:beta");
    assertThat(team.resolve("skills/alpha")).doesNotExist();

    CliProcess.Result added =
        cli.run(
            "collection",
            "add",
            url,
            "skills/alpha",
            "commands/beta.md",
            "-c",
            "team",
            "--apply",
            "--yes");
    CliProcess.Result twice = cli.run("collection", "add", url, "skills/alpha", "-c", "team");

    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(added.out())
        .containsPattern("skill:alpha +created")
        .containsPattern("command:beta +created");
    assertThat(team.resolve("skills/alpha/SKILL.md")).hasContent(ALPHA_V2);
    assertThat(team.resolve("commands/beta.md")).exists();
    assertThat(twice.exitCode()).as(twice.toString()).isEqualTo(3);
    assertThat(twice.err())
        .isEqualTo("tiersync: skill:alpha is already in collection team (field name, HTTP 409)\n");

    CliProcess.Result pinPlan = cli.run("collection", "pin", "skill:alpha", "v1", "-c", "team");
    CliProcess.Result pinned =
        cli.run("collection", "pin", "skill:alpha", "v1", "-c", "team", "--apply", "--yes");
    CliProcess.Result badPin =
        cli.run("collection", "pin", "skill:alpha", "bad..ref", "-c", "team");

    assertThat(pinPlan.exitCode()).as(pinPlan.toString()).isZero();
    assertThat(pinPlan.out()).contains("Plan of pin").contains("update  skill:alpha");
    assertThat(pinned.exitCode()).as(pinned.toString()).isZero();
    assertThat(pinned.out()).containsPattern("skill:alpha +updated");
    assertThat(team.resolve("skills/alpha/SKILL.md")).hasContent(ALPHA_V1);
    assertThat(Files.readString(team.resolve("collection.toml"))).contains("version_spec = \"v1\"");
    assertThat(badPin.exitCode()).as(badPin.toString()).isEqualTo(3);
    assertThat(badPin.err()).startsWith("tiersync: ").contains("HTTP 400");

    CliProcess.Result bump =
        cli.run("collection", "bump", "skill:alpha", "-c", "team", "--apply", "--yes");

    assertThat(bump.exitCode()).as(bump.toString()).isZero();
    assertThat(bump.out())
        .contains("skill:alpha follows v1 of ")
        .contains("0 commits behind")
        .contains("Nothing to apply.");

    CliProcess.Result removePlan = cli.run("collection", "remove", "command:beta", "-c", "team");
    assertThat(removePlan.exitCode()).as(removePlan.toString()).isZero();
    assertThat(removePlan.out()).contains("remove  command:beta");
    assertThat(team.resolve("commands/beta.md")).exists();

    CliProcess.Result removed =
        cli.run("collection", "remove", "command:beta", "-c", "team", "--apply", "--yes");
    CliProcess.Result gone = cli.run("collection", "remove", "command:beta", "-c", "team");

    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    assertThat(removed.out()).containsPattern("command:beta +removed");
    assertThat(team.resolve("commands/beta.md")).doesNotExist();
    assertThat(Files.readString(team.resolve("collection.toml"))).doesNotContain("beta");
    assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
    assertThat(gone.err()).contains("HTTP 404");
  }

  @Test
  void addAtAnUnknownRef_failsItsDryRun_exitTwo() throws Exception {
    create("unknown-ref");

    CliProcess.Result add =
        cli.run(
            "collection",
            "add",
            upstream.url(),
            "skills/alpha",
            "--ref",
            "no-such-tag",
            "-c",
            "unknown-ref",
            "--apply",
            "--yes");

    assertThat(add.exitCode()).as(add.toString()).isEqualTo(2);
    assertThat(add.out()).contains("error");
    assertThat(ws.collectionsRoot().resolve("unknown-ref/skills/alpha")).doesNotExist();
  }

  @Test
  void undeployAndAdopt_takeArtifactsOutOfAndFromAProject() throws Exception {
    Path crew = create("crew");
    assertThat(
            cli.run(
                    "collection",
                    "add",
                    upstream.url(),
                    "skills/alpha",
                    "-c",
                    "crew",
                    "--apply",
                    "--yes")
                .exitCode())
        .isZero();
    ProjectFolder project = ws.project("crew");
    String p = project.dir().toString();
    CliProcess.Result deployed =
        cli.run("sync", "-d", "collection_to_project", "-c", "crew", "-p", p, "--apply", "--yes");
    assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
    Path copy = project.dir().resolve(".claude/skills/alpha/SKILL.md");
    assertThat(copy).exists();

    CliProcess.Result noProject = cli.run("undeploy", "skill:alpha", "-c", "crew");
    CliProcess.Result plan = cli.run("undeploy", "skill:alpha", "-c", "crew", "-p", p);
    CliProcess.Result undeployed =
        cli.run("undeploy", "skill:alpha", "-c", "crew", "-p", p, "--apply", "--yes");

    assertThat(noProject.exitCode()).isEqualTo(3);
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.out()).contains("remove  skill:alpha");
    assertThat(undeployed.exitCode()).as(undeployed.toString()).isZero();
    assertThat(undeployed.out()).containsPattern("skill:alpha +removed");
    assertThat(copy).doesNotExist();
    assertThat(crew.resolve("skills/alpha/SKILL.md")).exists();

    Path mine = Files.createDirectories(project.dir().resolve(".claude/skills/mine"));
    Files.writeString(mine.resolve("SKILL.md"), "# mine\nmade by hand\n");
    CliProcess.Result adopted =
        cli.run("adopt", "skill:mine", "-c", "crew", "-p", p, "--apply", "--yes");

    assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
    assertThat(adopted.out()).containsPattern("skill:mine +created");
    assertThat(crew.resolve("skills/mine/SKILL.md")).hasContent("# mine\nmade by hand\n");
  }
}
