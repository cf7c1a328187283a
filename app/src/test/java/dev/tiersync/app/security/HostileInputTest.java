package dev.tiersync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.TierFolder;
import dev.tiersync.engine.testing.Tiers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Hostile requests against the running app over real HTTP, each with a valid token so that it
 * reaches the code that must refuse it: traversal in ids and paths, symlinks leading out of the
 * allowed roots, archive-entry style names, oversized and malformed bodies, unknown enum values and
 * wrong types. Every one must be a 4xx problem document naming the field where there is one, and
 * must leave every tier byte for byte as it was and start no job.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private static final Tiers TIERS = TestDataHome.newTiers();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A folder outside every allowed root, which no request may reach. */
  private static final Path OUTSIDE = TIERS.root().resolve("outside");

  @DynamicPropertySource
  static void tiers(DynamicPropertyRegistry registry) {
    TestDataHome.register(registry, TIERS);
  }

  @LocalServerPort int port;

  @BeforeAll
  void buildTiers() throws Exception {
    TIERS.upstream().commit("add", Map.of("skills/pdf-tools/SKILL.md", "# PDF\n"));
    TIERS.collection().list(TIERS.upstreamSkill("pdf-tools"), ManifestEntry.local("command:review"));
    TIERS.collection().write("skills/pdf-tools/SKILL.md", "# PDF\n");
    TIERS.collection().write("commands/review.md", "Review.\n");
    TIERS.project().write("commands/review.md", "Review, project.\n");
    TierFolder.writeFile(OUTSIDE.resolve(".claude/commands/review.md"), "outside\n");
    TierFolder.writeFile(OUTSIDE.resolve("skills/keep.txt"), "outside\n");
    // A project that is itself a link out of the roots, one whose .claude is, one whose skills/ is.
    Files.createSymbolicLink(TIERS.projectsRoot().resolve("escape"), OUTSIDE);
    Files.createDirectories(TIERS.projectsRoot().resolve("linked"));
    Files.createSymbolicLink(TIERS.projectsRoot().resolve("linked/.claude"), OUTSIDE.resolve(".claude"));
    Files.createDirectories(TIERS.projectsRoot().resolve("linked-skills/.claude"));
    Files.createSymbolicLink(TIERS.projectsRoot().resolve("linked-skills/.claude/skills"), OUTSIDE.resolve("skills"));
  }

  /** One hostile request and the answer it must get. */
  record Case(String name, String method, String path, String body, String contentType, int status, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  Stream<Case> cases() {
    String project = TIERS.project().dir().toString();
    String escape = TIERS.projectsRoot().resolve("escape").toString();
    String linked = TIERS.projectsRoot().resolve("linked").toString();
    String linkedSkills = TIERS.projectsRoot().resolve("linked-skills").toString();
    String dotDot = TIERS.projectsRoot() + "/app/../../outside";
    List<Case> c = new ArrayList<>();
    String jobs = "/api/v1/sync/jobs";
    // Malformed and mistyped job requests.
    c.add(post("truncated JSON", jobs, "{", 400, null));
    c.add(post("JSON missing a value", jobs, "{\"direction\": }", 400, null));
    c.add(post("JSON array body", jobs, "[]", 400, null));
    c.add(post("JSON string body", jobs, "\"upstream_to_collection\"", 400, null));
    c.add(post("empty body", jobs, "", 400, null));
    c.add(post("trailing garbage", jobs, "{\"direction\":\"upstream_to_collection\"} x", 400, null));
    c.add(post("unknown field", jobs, "{\"direction\":\"upstream_to_collection\",\"force\":true}", 400, "force"));
    c.add(post("unknown direction", jobs, "{\"direction\":\"sideways\"}", 400, "direction"));
    c.add(post("direction of the wrong type", jobs, "{\"direction\":7}", 400, "direction"));
    c.add(post("direction as an object", jobs, "{\"direction\":{\"$ne\":1}}", 400, "direction"));
    c.add(post("missing direction", jobs, "{\"dry_run\":false}", 400, "direction"));
    c.add(post("unknown strategy", jobs, "{\"direction\":\"upstream_to_collection\",\"strategy\":\"mine\"}", 400, "strategy"));
    c.add(post("dry_run of the wrong type", jobs, "{\"direction\":\"upstream_to_collection\",\"dry_run\":\"no\"}", 400, "dry_run"));
    c.add(post("artifact_ids as a string", jobs, "{\"direction\":\"upstream_to_collection\",\"artifact_ids\":\"skill:pdf-tools\"}", 400, "artifact_ids"));
    c.add(post("artifact id as an object", jobs, "{\"direction\":\"upstream_to_collection\",\"artifact_ids\":[{}]}", 400, "artifact_ids[0]"));
    // Traversal and odd names in artifact ids.
    for (String id : List.of("skill:../../etc", "skill:..", "skill:.", "skill:a/b", "skill:/etc/passwd", "../skill:x",
        "virus:x", "skill:a\u0000b", "skill:" + "x".repeat(300), "skill:..\\..\\evil", "skill:", ":x", "skill:a\nb")) {
      c.add(post("artifact id " + printable(id), jobs,
          "{\"direction\":\"upstream_to_collection\",\"dry_run\":false,\"artifact_ids\":[\"skill:pdf-tools\"," + jsonString(id) + "]}",
          400, "artifact_ids[1]"));
    }
    c.add(post("too many artifact ids", jobs,
        "{\"direction\":\"upstream_to_collection\",\"artifact_ids\":[" + "\"skill:a\",".repeat(1000) + "\"skill:b\"]}", 400, "artifact_ids"));
    // Collections and project paths that leave their roots.
    for (String collection : List.of("../../etc", "/etc", "a/b", "..", "default/../..", "default\u0000")) {
      c.add(post("collection " + printable(collection), jobs,
          "{\"direction\":\"upstream_to_collection\",\"dry_run\":false,\"collection\":" + jsonString(collection) + "}",
          400, "collection"));
    }
    Map<String, String> projects = new java.util.LinkedHashMap<>();
    projects.put("relative project path", "projects/app");
    projects.put("project path with ..", dotDot);
    projects.put("project path outside the roots", "/etc");
    projects.put("project path through a symlink out", escape);
    projects.put("project whose .claude links out", linked);
    projects.put("project whose skills/ links out", linkedSkills);
    projects.put("project path with NUL", project + "\u0000/x");
    projects.put("missing project path", TIERS.projectsRoot().resolve("nope").toString());
    projects.put("home-relative project path", "~/..");
    projects.forEach(
        (name, path) ->
            c.add(post(name, jobs,
                "{\"direction\":\"collection_to_project\",\"dry_run\":false,\"project_path\":" + jsonString(path) + "}",
                400, "project_path")));
    c.add(post("project direction without a project", jobs, "{\"direction\":\"collection_to_project\",\"dry_run\":false}", 400, "project_path"));
    // Bodies that are too big, or not JSON at all.
    String big = "{\"direction\":\"upstream_to_collection\",\"collection\":\"" + "a".repeat(300 * 1024) + "\"}";
    c.add(post("oversized body", jobs, big, 413, null));
    c.add(new Case("oversized streamed body", "POST-STREAM", jobs, big, "application/json", 413, null));
    c.add(new Case("form-encoded body", "POST", jobs, "direction=upstream_to_collection", "application/x-www-form-urlencoded", 415, null));
    c.add(new Case("XML body", "POST", jobs, "<job direction='upstream_to_collection'/>", "application/xml", 415, null));
    // Resolve requests.
    String resolve = "/api/v1/sync/resolve";
    c.add(post("resolve: truncated JSON", resolve, "{\"job_id\":", 400, null));
    c.add(post("resolve: unknown strategy", resolve,
        "{\"artifact_ids\":[\"skill:pdf-tools\"],\"direction\":\"upstream_to_collection\",\"strategies\":{\"skill:pdf-tools\":\"mine\"}}", 400, "strategies.skill:pdf-tools"));
    c.add(post("resolve: strategies of the wrong type", resolve,
        "{\"artifact_ids\":[\"skill:pdf-tools\"],\"direction\":\"upstream_to_collection\",\"strategies\":[]}", 400, "strategies"));
    c.add(post("resolve: job id with traversal", resolve, "{\"job_id\":\"../../etc/passwd\",\"strategy\":\"theirs\"}", 404, null));
    c.add(post("resolve: strategy for an id with traversal", resolve,
        "{\"artifact_ids\":[\"skill:../x\"],\"direction\":\"upstream_to_collection\",\"strategy\":\"theirs\"}", 400, "artifact_ids[0]"));
    c.add(post("resolve: project path out", resolve,
        "{\"artifact_ids\":[\"command:review\"],\"direction\":\"collection_to_project\",\"strategy\":\"theirs\",\"project_path\":" + jsonString(escape) + "}", 400, "project_path"));
    c.add(post("resolve: unknown field", resolve, "{\"job_id\":\"x\",\"strategy\":\"theirs\",\"overwrite\":true}", 400, "overwrite"));
    // Patch export.
    String patch = "/api/v1/sync/patch";
    c.add(post("patch: unknown format", patch, patchBody(project, "\"rar\""), 400, "format"));
    c.add(post("patch: format with traversal", patch, patchBody(project, "\"../../x\""), 400, "format"));
    c.add(post("patch: format of the wrong type", patch, patchBody(project, "[\"zip\"]"), 400, "format"));
    c.add(post("patch: unknown base", patch,
        "{\"artifact_ids\":[\"command:review\"],\"project_path\":" + jsonString(project) + ",\"base\":\"bogus\"}", 400, "base"));
    c.add(post("patch: base of the wrong type", patch,
        "{\"artifact_ids\":[\"command:review\"],\"project_path\":" + jsonString(project) + ",\"base\":[\"local_changes\"]}", 400, "base"));
    c.add(post("patch: project through a symlink out", patch, patchBody(escape, "\"zip\""), 400, "project_path"));
    c.add(post("patch: project whose .claude links out", patch, patchBody(linked, "\"zip\""), 400, "project_path"));
    c.add(post("patch: artifact id with traversal", patch,
        "{\"artifact_ids\":[\"command:../../../etc/passwd\"],\"project_path\":" + jsonString(project) + "}", 400, "artifact_ids[0]"));
    c.add(post("patch: no artifacts", patch, "{\"project_path\":" + jsonString(project) + "}", 400, "artifact_ids"));
    // Reads: traversal and bad values in paths and queries.
    String diff = "/api/v1/artifacts/skill:pdf-tools/diff";
    c.add(get("artifacts: project path out", "/api/v1/artifacts?project_path=" + q(escape), 400, "project_path"));
    c.add(get("artifacts: collection with traversal", "/api/v1/artifacts?collection=" + q("../.."), 400, "collection"));
    c.add(get("artifacts: unknown type", "/api/v1/artifacts?type=virus", 400, "type"));
    c.add(get("artifacts: unknown status", "/api/v1/artifacts?status=hacked", 400, "status"));
    c.add(get("versions: id with encoded traversal", "/api/v1/artifacts/" + q("skill:../../etc") + "/versions", 400, null));
    c.add(get("versions: id with an encoded backslash", "/api/v1/artifacts/" + q("skill:..\\x") + "/versions", 400, null));
    c.add(get("versions: id with an encoded NUL", "/api/v1/artifacts/skill:x%00/versions", 400, null));
    c.add(get("versions: unknown type", "/api/v1/artifacts/virus:x/versions", 400, "artifact_id"));
    c.add(get("diff: unknown side", diff + "?lhs=left&rhs=collection", 400, "lhs"));
    c.add(get("diff: side with traversal", diff + "?lhs=upstream&rhs=" + q("../../etc"), 400, "rhs"));
    c.add(get("diff download: zip-slip path", diff + "/download?lhs=upstream&rhs=collection&path=" + q("../../../etc/passwd"), 400, "path"));
    c.add(get("diff download: absolute path", diff + "/download?lhs=upstream&rhs=collection&path=" + q("/etc/passwd"), 400, "path"));
    c.add(get("diff download: backslash path", diff + "/download?lhs=upstream&rhs=collection&path=" + q("..\\..\\evil"), 400, "path"));
    c.add(get("jobs: unknown state", jobs + "?state=owned", 400, "state"));
    c.add(get("jobs: unknown direction", jobs + "?direction=sideways", 400, "direction"));
    c.add(get("jobs: limit of the wrong type", jobs + "?limit=lots", 400, "limit"));
    c.add(get("jobs: limit too large", jobs + "?limit=100000", 400, "limit"));
    c.add(get("jobs: negative offset", jobs + "?offset=-1", 400, "offset"));
    c.add(get("job: id with encoded traversal", jobs + "/" + q("../../etc/passwd"), 400, null));
    c.add(get("job: unknown id", jobs + "/job-0000", 404, null));
    c.add(new Case("cancel: id with encoded traversal", "DELETE", jobs + "/" + q("../x"), null, null, 400, null));
    c.add(new Case("cancel: unknown job", "DELETE", jobs + "/job-0000", null, null, 404, null));
    c.add(get("bundle: id with encoded traversal", "/api/v1/sync/patches/" + q("../../tiersync.db") + "/bundle", 400, null));
    c.add(get("bundle: id with a dot segment", "/api/v1/sync/patches/..%2e/bundle", 400, null));
    c.add(get("audit: negative limit", "/api/v1/audit?limit=-5", 400, "limit"));
    c.add(get("query value too long", "/api/v1/artifacts?collection=" + "a".repeat(5000), 400, "collection"));
    StringBuilder many = new StringBuilder("/api/v1/artifacts?x0=0");
    for (int i = 1; i < 40; i++) {
      many.append("&x").append(i).append('=').append(i);
    }
    c.add(get("too many query parameters", many.toString(), 400, null));
    return c.stream();
  }

  /** The cases whose request was answered and whose tiers and job count were compared. */
  private final Set<String> checked = ConcurrentHashMap.newKeySet();

  /**
   * The "nothing is written" check of every case compares digests: this shows that a digest sees
   * a new file under each tier root and under the folder outside them.
   */
  @Test
  void tiersDigest_changesWhenAFileAppearsUnderAnyTierOrOutside() throws Exception {
    String before = tiersDigest();
    for (Path root : List.of(TIERS.upstream().bareDir(), TIERS.collectionsRoot(), TIERS.projectsRoot(), OUTSIDE)) {
      Path planted = root.resolve("planted-by-the-digest-test");
      Files.writeString(planted, "x");
      try {
        assertThat(tiersDigest()).as("digest with a file planted in %s", root).isNotEqualTo(before);
      } finally {
        Files.delete(planted);
      }
    }
    assertThat(tiersDigest()).isEqualTo(before);
  }

  /**
   * Fails when a case was not exercised (skipped, aborted, or lost to a duplicate name), so the
   * suite cannot shrink or go silent unnoticed. Skipped when no case was selected at all.
   */
  @AfterAll
  void everyCase_wasSentAndCheckedAgainstUnchangedTiers() {
    if (checked.isEmpty()) {
      return;
    }
    List<String> names = cases().map(Case::name).toList();
    assertThat(names).as("case names").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(50);
    assertThat(checked).as("cases checked").containsExactlyInAnyOrderElementsOf(names);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileRequest_isRefusedWithAProblem_andNothingIsWritten(Case c) throws Exception {
    String before = tiersDigest();
    long jobsBefore = jobCount();
    assertThat(jobsBefore).as("job count readable before %s", c.name()).isNotNegative();

    HttpResponse<String> response = HTTP.send(request(c), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("Content-Type")).as(c.name()).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(c.status());
    assertThat(problem.path("detail").asText()).as(c.name()).isNotBlank();
    if (c.field() != null) {
      assertThat(problem.path("field").asText()).as("%s: %s", c.name(), response.body()).isEqualTo(c.field());
    }
    assertThat(tiersDigest()).as("tiers after %s", c.name()).isEqualTo(before);
    assertThat(jobCount()).as("jobs after %s", c.name()).isEqualTo(jobsBefore);
    checked.add(c.name());
  }

  private HttpRequest request(Case c) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + TestDataHome.API_TOKEN);
    if (c.contentType() != null) {
      b.header("Content-Type", c.contentType());
    }
    byte[] body = c.body() == null ? null : c.body().getBytes(StandardCharsets.UTF_8);
    return switch (c.method()) {
      case "POST" -> b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      // No Content-Length: the body arrives chunked and is only counted while it is read.
      case "POST-STREAM" -> b.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
      case "DELETE" -> b.DELETE().build();
      default -> b.GET().build();
    };
  }

  private long jobCount() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/sync/jobs"))
                .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("total").asLong(-1);
  }

  /** A digest of every entry (path, kind, link target, bytes) of the upstream, collections, projects and the outside folder. */
  private static String tiersDigest() throws IOException {
    MessageDigest sha = sha256();
    for (Path root : List.of(TIERS.upstream().bareDir(), TIERS.collectionsRoot(), TIERS.projectsRoot(), OUTSIDE)) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted().toList()) {
          sha.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
          if (Files.isSymbolicLink(p)) {
            sha.update(("->" + Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8));
          } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            sha.update(Files.readAllBytes(p));
          } else {
            sha.update((byte) '/');
          }
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static Case post(String name, String path, String body, int status, String field) {
    return new Case(name, "POST", path, body, "application/json", status, field);
  }

  private static Case get(String name, String path, int status, String field) {
    return new Case(name, "GET", path, null, null, status, field);
  }

  private static String patchBody(String project, String format) {
    return "{\"artifact_ids\":[\"command:review\"],\"project_path\":" + jsonString(project) + ",\"format\":" + format + "}";
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String jsonString(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String printable(String s) {
    String shown = s.length() > 40 ? s.substring(0, 37) + "..." : s;
    return "'" + shown.replace("\u0000", "\\0").replace("\n", "\\n") + "'";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
