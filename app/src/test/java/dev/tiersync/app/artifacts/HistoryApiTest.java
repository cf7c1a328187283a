package dev.tiersync.app.artifacts;

import static dev.tiersync.app.artifacts.ApiClient.assertProblem;
import static dev.tiersync.app.artifacts.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/v1/artifacts/{id}/history} over real HTTP against the whole app with the embedded
 * Temporal server, on real tier folders, a real bare upstream and real sync jobs: deploy, edit the
 * project's copy by hand, sync it back, and read each tier's timeline (versions, sources, jobs,
 * actors, upstream commits, order); then diff two of its entries by hash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryApiTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final String COLLECTION = "timeline";
  private static final String NAME = "tl-one";
  private static final String ID = "skill:" + NAME;
  private static final String V0 = "# One\n\na\nb\nc\n";
  private static final String EDITED = "# One\n\na\nedited in the project\nc\n";

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;
  private ApiClient api;
  private Path project;
  private RevCommit added;

  @BeforeAll
  void setUp() throws Exception {
    api = new ApiClient(port);
    added = TIERS.upstream().commit("add " + NAME, Map.of("skills/" + NAME + "/SKILL.md", V0));
    TIERS.collection(COLLECTION).list(TIERS.upstreamSkill(NAME));
    project = TIERS.project(COLLECTION).dir().toRealPath();
  }

  @Test
  void deployEditByHandSyncBack_timelineNamesJobsAndOutsideEdits() throws Exception {
    JsonNode fetched = sync("upstream_to_collection", false);
    JsonNode deployed = sync("collection_to_project", true);
    Path projectSkill = project.resolve(".claude/skills/" + NAME);
    Path collectionSkill = TIERS.collection(COLLECTION).path("skills/" + NAME);
    String v0 = Tiers.hash(collectionSkill);
    assertThat(Tiers.hash(projectSkill)).isEqualTo(v0);

    // An edit in the project by hand: tiersync did not write it.
    Files.writeString(projectSkill.resolve("SKILL.md"), EDITED);
    Instant editedAt = Instant.parse("2030-01-02T03:04:05Z");
    Files.setLastModifiedTime(projectSkill.resolve("SKILL.md"), FileTime.from(editedAt));
    String edited = Tiers.hash(projectSkill);

    JsonNode before = history();
    assertThat(before.get("artifact_id").asText()).isEqualTo(ID);
    JsonNode up = only(before.get("upstream"));
    assertThat(up.get("hash").asText()).isEqualTo(v0);
    assertThat(up.get("source").asText()).isEqualTo("outside");
    assertThat(up.get("upstream_commit").asText()).isEqualTo(added.name());
    assertThat(up.get("upstream_subject").asText()).isEqualTo("add " + NAME);
    assertThat(up.get("actor").asText()).contains(added.getAuthorIdent().getEmailAddress());
    assertThat(up.get("job_id").isNull()).isTrue();

    JsonNode col = only(before.get("collection"));
    assertJob(col, v0, fetched, "upstream_to_collection create");
    assertThat(col.get("upstream_commit").asText()).isEqualTo(added.name());
    assertThat(col.get("upstream_subject").asText()).isEqualTo("add " + NAME);

    JsonNode proj = before.get("project");
    assertThat(proj).hasSize(2);
    assertJob(proj.get(0), v0, deployed, "collection_to_project create");
    assertOutside(proj.get(1), edited, editedAt);

    // Sync the edit back: the collection's new version is that job's.
    JsonNode back = sync("project_to_collection", true);
    assertThat(Tiers.hash(collectionSkill)).isEqualTo(edited);
    JsonNode after = history();
    JsonNode cols = after.get("collection");
    assertThat(hashes(cols)).containsExactly(v0, edited);
    assertJob(cols.get(0), v0, fetched, "upstream_to_collection create");
    assertJob(cols.get(1), edited, back, "project_to_collection update");
    assertThat(cols.get(1).get("upstream_commit").isNull()).isTrue();
    assertThat(Instant.parse(cols.get(0).get("at").asText()))
        .isBefore(Instant.parse(cols.get(1).get("at").asText()));
    // The project's copy is still the one edited by hand.
    assertThat(hashes(after.get("project"))).containsExactly(v0, edited);
    assertOutside(after.get("project").get(1), edited, editedAt);

    // Any two entries, by hash: the diff route with explicit versions.
    JsonNode diff =
        api.json(
            "/api/v1/artifacts/" + enc(ID) + "/diff?lhs=collection&rhs=project"
                + "&collection=" + COLLECTION + "&project_path=" + enc(project.toString())
                + "&lhs_hash=" + v0 + "&rhs_hash=" + edited,
            200);
    assertThat(diff.get("lhs_hash").asText()).isEqualTo(v0);
    assertThat(diff.get("rhs_hash").asText()).isEqualTo(edited);
    assertThat(diff.get("identical").asBoolean()).isFalse();
    assertThat(ApiClient.file(diff, "SKILL.md").get("unified_diff").asText())
        .contains("+edited in the project");
  }

  @Test
  void withoutAProject_theProjectTimelineIsEmpty() throws Exception {
    JsonNode h = api.json(url(ID) + "?collection=" + COLLECTION, 200);
    assertThat(h.get("project")).isEmpty();
    assertThat(h.get("upstream")).isNotEmpty();
  }

  @Test
  void badInput_namesTheField() throws Exception {
    assertProblem(api.get(url("widget:x") + "?collection=" + COLLECTION), 400, "artifact_id");
    assertProblem(api.get(url(ID) + "?collection=" + COLLECTION + "&project_path=relative/app"), 400, "project_path");
    assertProblem(api.get(url(ID) + "?collection=nope"), 400, "collection");
    assertProblem(api.get(url("skill:nope") + "?collection=" + COLLECTION), 404, null);
  }

  // ---------------------------------------------------------------- helpers

  private void assertJob(JsonNode entry, String hash, JsonNode job, String note) throws Exception {
    assertThat(entry.get("hash").asText()).isEqualTo(hash);
    assertThat(entry.get("source").asText()).isEqualTo("job");
    assertThat(entry.get("job_id").asText()).as("%s", entry).isEqualTo(job.get("job_id").asText());
    assertThat(entry.get("actor").asText()).isEqualTo(startedBy(job.get("job_id").asText()));
    assertThat(entry.get("note").asText()).isEqualTo(note);
  }

  private static void assertOutside(JsonNode entry, String hash, Instant at) {
    assertThat(entry.get("hash").asText()).isEqualTo(hash);
    assertThat(entry.get("source").asText()).isEqualTo("outside");
    assertThat(entry.get("job_id").isNull()).isTrue();
    assertThat(entry.get("note").asText()).isEqualTo("seen on disk");
    assertThat(Instant.parse(entry.get("at").asText())).isEqualTo(at);
  }

  /** Who the audit log says started the job. */
  private String startedBy(String jobId) throws Exception {
    return api.awaitAudited(ID, jobId).get("started_by").asText();
  }

  private JsonNode history() throws Exception {
    return api.json(
        url(ID) + "?collection=" + COLLECTION + "&project_path=" + enc(project.toString()), 200);
  }

  private static String url(String id) {
    return "/api/v1/artifacts/" + enc(id) + "/history";
  }

  private static JsonNode only(JsonNode array) {
    assertThat(array).as("%s", array).hasSize(1);
    return array.get(0);
  }

  private static List<String> hashes(JsonNode entries) {
    return StreamSupport.stream(entries.spliterator(), false).map(e -> e.get("hash").asText()).toList();
  }

  /** Runs a sync of the artifact and waits until it ended with success and is in the audit log. */
  private JsonNode sync(String direction, boolean withProject) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("direction", direction);
    body.put("collection", COLLECTION);
    body.put("artifact_ids", List.of(ID));
    body.put("dry_run", false);
    if (withProject) {
      body.put("project_path", project.toString());
    }
    JsonNode job = api.succeeded(api.post("/api/v1/sync/jobs", body));
    api.awaitAudited(ID, job.get("job_id").asText());
    return job;
  }
}
