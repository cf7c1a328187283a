package dev.tiersync.engine.patch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.testing.UpstreamRepo;
import dev.tiersync.engine.tier.UpstreamSpec;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.UpstreamCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PatchBundleBuilderTest {
  private static final String SKILL = "skills/pdf-tools";
  private static final ArtifactId PDF_TOOLS = ArtifactId.parse("skill:pdf-tools");
  private static final Instant NOW = Instant.parse("2026-11-05T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  /**
   * These tests pin down the patch against {@code resolved_sha}; {@code LocalChangesPatchTest}
   * covers the local changes rebased on the head.
   */
  private static final PatchBase OLD = PatchBase.UPSTREAM_HEAD;

  private static final String TEN_LINES =
      "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota\nkappa\n";

  @TempDir Path tmp;
  private UpstreamRepo upstream;
  private UpstreamCache cache;
  private PatchBundleBuilder builder;

  @BeforeEach
  void setUp() throws Exception {
    upstream = UpstreamRepo.create(tmp.resolve("remote"), "main");
    cache = new UpstreamCache(tmp.resolve("data"));
    builder = new PatchBundleBuilder(cache, CLOCK);
  }

  @AfterEach
  void tearDown() {
    cache.close();
    upstream.close();
  }

  // ---------------------------------------------------------------- the patch applies at base

  @ParameterizedTest
  @EnumSource(BundleFormat.class)
  void build_patchAppliesWithGitApplyAtBase(BundleFormat format) throws Exception {
    RevCommit base = commitRichSkill();
    ArtifactTree project = read(writeRichProjectVersion());

    PatchBundle bundle = build(input(base.name(), project), format);

    byte[] patch = entry(bundle, "patches/skill-pdf-tools.patch").bytes();
    Path clone = cloneAt(base.name());
    Path patchFile = Files.write(tmp.resolve("skill.patch"), patch);
    GitCommand.ok(clone, "apply", "--check", patchFile.toString());
    GitCommand.ok(clone, "apply", patchFile.toString());

    assertThat(read(clone.resolve(SKILL)).contentHash()).isEqualTo(project.contentHash());
    assertThat(GitCommand.ok(clone, "status", "--porcelain").lines())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line.substring(3)).contains(SKILL));
    // Latin-1 bytes go into the patch raw, never re-encoded through UTF-8.
    assertThat(indexOf(patch, "+na\u00efve cr\u00e8me\n".getBytes(ISO_8859_1))).isNotNegative();
    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(List.of(s.filesAdded(), s.filesRemoved(), s.filesModified()))
        .containsExactly(5, 2, 10);
    assertThat(s.trialApply().status()).isEqualTo(TrialApply.CLEAN);
  }

  @Test
  void build_lineCountsEqualGitApplyNumstat() throws Exception {
    RevCommit base = commitRichSkill();
    ArtifactTree project = read(writeRichProjectVersion());

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    Path patchFile =
        Files.write(
            tmp.resolve("skill.patch"), entry(bundle, "patches/skill-pdf-tools.patch").bytes());
    Map<String, String> gitCounts = new LinkedHashMap<>();
    for (String line :
        GitCommand.ok(cloneAt(base.name()), "apply", "--numstat", "-z", patchFile.toString())
            .split("\0")) {
      String[] cols = line.split("\t", 3);
      gitCounts.merge(cols[2], cols[0] + "/" + cols[1], (a, b) -> sum(a, b));
    }
    Map<String, String> ours = new LinkedHashMap<>();
    for (PatchedFile f : bundle.artifacts().get(0).files()) {
      ours.put(f.path(), f.binary() ? "-/-" : f.linesAdded() + "/" + f.linesRemoved());
    }
    assertThat(ours).isEqualTo(gitCounts);
  }

  @Test
  void build_patchEqualsGitDiffByteForByte() throws Exception {
    RevCommit base = commitRichSkill();
    Path dir = writeRichProjectVersion();
    // Git writes a changed binary as a delta when that is shorter; keep only added and removed
    // binaries, which both write as literals.
    Files.write(dir.resolve("logo.bin"), richBase().get("logo.bin"));
    ArtifactTree project = read(dir);

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    byte[] ours = entry(bundle, "patches/skill-pdf-tools.patch").bytes();
    Path clone = cloneAt(base.name());
    GitCommand.ok(clone, "apply", Files.write(tmp.resolve("p.patch"), ours).toString());
    GitCommand.ok(clone, "add", "-A");
    byte[] git =
        GitCommand.okBytes(
            clone, "diff", "--cached", "--full-index", "--binary", "--no-renames", "--no-color");
    // Git adds the enclosing "function" line after a hunk header; that text is not part of the
    // patch's content and git apply ignores it.
    String gitText = new String(git, ISO_8859_1).replaceAll("(?m)^(@@ [^@]+ @@).+$", "$1");
    assertThat(new String(ours, ISO_8859_1)).isEqualTo(gitText);
  }

  @Test
  void build_singleFileCommand_patchAppliesAtBase() throws Exception {
    RevCommit base =
        upstream.commit(
            "add review",
            Map.of("commands/review.md", "Review the diff.\nBe kind.\n", "README.md", "repo\n"));
    Path file = tmp.resolve("project/.claude/commands/review.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "Review the diff.\nBe precise.\nCite lines.\n");
    ArtifactTree project = read(file);
    ArtifactId review = ArtifactId.parse("command:review");

    PatchBundle bundle =
        build(
            new ArtifactPatchInput(
                review,
                new UpstreamSpec(upstream.url(), null, "commands/review.md"),
                base.name(),
                project),
            BundleFormat.ZIP);

    List<BundleEntries.Entry> entries = BundleEntries.read(bundle.path(), BundleFormat.ZIP);
    byte[] patch = BundleEntries.get(entries, "patches/command-review.patch").bytes();
    assertThat(new String(patch, UTF_8))
        .startsWith("diff --git a/commands/review.md b/commands/review.md\n");
    assertThat(BundleEntries.get(entries, "files/commands/review.md").bytes())
        .isEqualTo(Files.readAllBytes(file));
    Path clone = cloneAt(base.name());
    GitCommand.ok(clone, "apply", Files.write(tmp.resolve("review.patch"), patch).toString());
    assertThat(read(clone.resolve("commands/review.md")).contentHash())
        .isEqualTo(project.contentHash());
    assertThat(bundle.artifacts().get(0).filesModified()).isEqualTo(1);
  }

  @Test
  void build_artifactNotUpstreamYet_addsEveryFile() throws Exception {
    RevCommit base = upstream.commit("init", Map.of("README.md", "repo\n"));
    Path dir = tmp.resolve("project/.claude/skills/pdf-tools");
    write(dir, "SKILL.md", "# new\n".getBytes(UTF_8));
    write(dir, "ref/a.md", "a\n".getBytes(UTF_8));
    ArtifactTree project = read(dir);

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(s.baseHash()).isNull();
    assertThat(s.filesAdded()).isEqualTo(2);
    Path clone = cloneAt(base.name());
    GitCommand.ok(
        clone,
        "apply",
        Files.write(tmp.resolve("p.patch"), entry(bundle, s.patchEntry()).bytes()).toString());
    assertThat(read(clone.resolve(SKILL)).contentHash()).isEqualTo(project.contentHash());
  }

  @Test
  void build_unchangedArtifact_hasNoPatchAndIsClean() throws Exception {
    RevCommit base = upstream.commit("add", Map.of(SKILL + "/SKILL.md", "a\n"));
    ArtifactTree project = cache.readArtifact(upstream.url(), base.name(), SKILL).orElseThrow();

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(s.changed()).isFalse();
    assertThat(s.patchEntry()).isNull();
    assertThat(bundle.trialApply()).isEqualTo(TrialApply.CLEAN);
    assertThat(BundleEntries.names(BundleEntries.read(bundle.path(), BundleFormat.TAR_GZ)))
        .containsExactly("manifest.json");
  }

  // ---------------------------------------------------------------- archive and manifest

  @ParameterizedTest
  @EnumSource(BundleFormat.class)
  void build_entriesAreRelativeAndManifestDescribesBundle(BundleFormat format) throws Exception {
    RevCommit base = commitRichSkill();
    ArtifactTree project = read(writeRichProjectVersion());

    PatchBundle bundle = build(input(base.name(), project), format);

    assertThat(bundle.sha256()).isEqualTo(sha256(Files.readAllBytes(bundle.path())));
    assertThat(bundle.sizeBytes()).isEqualTo(Files.size(bundle.path()));
    assertThat(bundle.format()).isEqualTo(format);
    List<BundleEntries.Entry> entries = BundleEntries.read(bundle.path(), format);
    assertThat(BundleEntries.names(entries)).first().isEqualTo("manifest.json");
    assertThat(BundleEntries.names(entries))
        .allSatisfy(
            name -> {
              assertThat(name).doesNotStartWith("/").doesNotContain("\\");
              assertThat(name.split("/")).doesNotContain("..", ".", "");
            })
        .contains(
            "patches/skill-pdf-tools.patch",
            "files/" + SKILL + "/with space.md",
            "files/" + SKILL + "/new.bin")
        .doesNotContain("files/" + SKILL + "/removed.md");
    assertThat(entries).allSatisfy(e -> assertThat(e.time()).isEqualTo(NOW));
    BundleEntries.Entry tool = BundleEntries.get(entries, "files/" + SKILL + "/scripts/tool.sh");
    assertThat(tool.mode() & 07777).isEqualTo(0755);
    assertThat(tool.bytes()).isEqualTo(project.file("scripts/tool.sh").readAll());
    assertThat(BundleEntries.get(entries, "files/" + SKILL + "/latin1.txt").bytes())
        .isEqualTo(project.file("latin1.txt").readAll());
    BundleEntries.Entry link = BundleEntries.get(entries, "files/" + SKILL + "/link");
    assertThat(link.symlink()).isTrue();
    assertThat(link.linkTarget()).isEqualTo("ref/deep/notes.md");

    JsonNode m = new ObjectMapper().readTree(BundleEntries.get(entries, "manifest.json").bytes());
    assertThat(m.path("format_version").asInt()).isEqualTo(1);
    assertThat(m.path("created_at").asText()).isEqualTo("2026-11-05T10:15:30Z");
    assertThat(m.path("trial_apply").asText()).isEqualTo("clean");
    assertThat(m.has("github_pr_url")).isTrue();
    assertThat(m.path("github_pr_url").isNull()).isTrue();
    JsonNode a = m.path("artifacts").path(0);
    String baseHash =
        cache.readArtifact(upstream.url(), base.name(), SKILL).orElseThrow().contentHash();
    assertThat(a.path("artifact_id").asText()).isEqualTo("skill:pdf-tools");
    assertThat(a.path("upstream_url").asText()).isEqualTo(upstream.url());
    assertThat(a.path("path_in_repo").asText()).isEqualTo(SKILL);
    assertThat(a.path("base_sha").asText()).isEqualTo(base.name());
    assertThat(a.path("base_sha_source").asText()).isEqualTo("resolved_sha");
    assertThat(a.path("head_ref").asText()).isEqualTo("main");
    assertThat(a.path("head_sha").asText()).isEqualTo(base.name());
    assertThat(a.path("base_hash").asText()).isEqualTo(baseHash);
    assertThat(a.path("project_hash").asText()).isEqualTo(project.contentHash());
    assertThat(a.path("files_added").asInt()).isEqualTo(5);
    assertThat(a.path("files_removed").asInt()).isEqualTo(2);
    assertThat(a.path("files_modified").asInt()).isEqualTo(10);
    assertThat(a.path("patch").asText()).isEqualTo("patches/skill-pdf-tools.patch");
    assertThat(a.path("trial_apply").path("result").asText()).isEqualTo("clean");
    assertThat(a.path("suggested_branch").asText())
        .isEqualTo("tiersync/pdf-tools-" + project.contentHash().substring(0, 8));
    assertThat(a.path("github_pr_url").isNull()).isTrue();
    JsonNode tab = findFile(a, SKILL + "/scripts/run.sh");
    assertThat(tab.path("old_mode").asText()).isEqualTo("100644");
    assertThat(tab.path("new_mode").asText()).isEqualTo("100755");
    assertThat(findFile(a, SKILL + "/logo.bin").path("binary").asBoolean()).isTrue();
    assertThat(findFile(a, SKILL + "/removed.md").path("copy").isNull()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(BundleFormat.class)
  void build_sameInputsGiveSameBytes(BundleFormat format) throws Exception {
    RevCommit base = commitRichSkill();
    ArtifactTree project = read(writeRichProjectVersion());
    ArtifactPatchInput in = input(base.name(), project);

    PatchBundle first = builder.build(List.of(in), format, OLD, tmp.resolve("a/bundle"));
    TimeZone zone = TimeZone.getDefault();
    PatchBundle second;
    try {
      // Zip stores local wall-clock times; the bytes must not depend on the machine's zone.
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      second = builder.build(List.of(in), format, OLD, tmp.resolve("b/bundle"));
    } finally {
      TimeZone.setDefault(zone);
    }

    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(Files.readAllBytes(second.path())).isEqualTo(Files.readAllBytes(first.path()));
    try (Stream<Path> left = Files.list(tmp.resolve("a"))) {
      assertThat(left).as("no temp files left beside the bundle").containsExactly(first.path());
    }
  }

  @Test
  void build_withoutBaseSha_usesHeadAndSaysSo() throws Exception {
    RevCommit head = upstream.commit("add", Map.of(SKILL + "/SKILL.md", "a\n"));
    ArtifactTree project = Trees.folder("SKILL.md", "b\n");

    PatchBundle bundle = build(input(null, project), BundleFormat.TAR_GZ);

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(s.baseIsHead()).isTrue();
    assertThat(s.baseSha()).isEqualTo(head.name());
    JsonNode a = manifest(bundle).path("artifacts").path(0);
    assertThat(a.path("base_sha_source").asText()).isEqualTo("head");
    assertThat(a.path("base_note").asText()).contains("current head of main");
  }

  @Test
  void build_rejectsDuplicateArtifactsAndUnsafePaths() throws Exception {
    RevCommit base = upstream.commit("add", Map.of(SKILL + "/SKILL.md", "a\n"));
    ArtifactPatchInput ok = input(base.name(), Trees.folder("SKILL.md", "b\n"));
    ArtifactPatchInput escaping = input(base.name(), Trees.folder("../../etc/passwd", "x\n"));
    Path out = tmp.resolve("out/bundle.tar.gz");

    assertThatThrownBy(() -> builder.build(List.of(ok, ok), BundleFormat.TAR_GZ, OLD, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> builder.build(List.of(escaping), BundleFormat.TAR_GZ, OLD, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsafe path");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertThat(left).as("scratch folders are removed").isEmpty();
    }
  }

  // ---------------------------------------------------------------- trial apply at head

  @Test
  void build_trialApplyReportsConflict_whenHeadChangedTheSameLines() throws Exception {
    RevCommit base =
        upstream.commit("add", Map.of(SKILL + "/SKILL.md", "s\n", SKILL + "/notes.md", TEN_LINES));
    ArtifactTree project =
        Trees.folder("SKILL.md", "s\n", "notes.md", TEN_LINES.replace("beta\n", "BETA\n"));
    upstream.commit(
        "upstream edit", Map.of(SKILL + "/notes.md", TEN_LINES.replace("beta\n", "Beta!\n")));
    List<String> objects = mirrorObjects();

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    assertThat(bundle.trialApply()).isEqualTo(TrialApply.CONFLICT);
    TrialApplyResult trial = bundle.artifacts().get(0).trialApply();
    assertThat(trial.conflicts()).extracting(TrialIssue::path).containsExactly(SKILL + "/notes.md");
    assertThat(gitApplyCheckAtHead(bundle)).as("git agrees").isFalse();
    assertThat(mirrorObjects()).as("the trial wrote nothing to the mirror").isEqualTo(objects);
    assertThat(
            manifest(bundle)
                .path("artifacts")
                .path(0)
                .path("trial_apply")
                .path("conflicts")
                .path(0)
                .path("path")
                .asText())
        .isEqualTo(SKILL + "/notes.md");
  }

  @Test
  void build_trialApplyIsClean_whenHeadChangedOtherFilesOrOtherLines() throws Exception {
    RevCommit base =
        upstream.commit(
            "add",
            Map.of(SKILL + "/SKILL.md", "s\n", SKILL + "/notes.md", TEN_LINES, "README.md", "r\n"));
    ArtifactTree project =
        Trees.folder(
            "SKILL.md", "s\n", "notes.md", TEN_LINES.replace("beta\n", "BETA\n"), "new.md", "n\n");
    RevCommit head =
        upstream.commit(
            "upstream edits",
            Map.of(
                SKILL + "/notes.md",
                TEN_LINES.replace("kappa\n", "KAPPA\n"),
                SKILL + "/SKILL.md",
                "s2\n",
                "README.md",
                "r2\n"));

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    TrialApplyResult trial = bundle.artifacts().get(0).trialApply();
    assertThat(trial.status()).isEqualTo(TrialApply.CLEAN);
    assertThat(trial.headSha()).isEqualTo(head.name());
    assertThat(bundle.trialApply()).isEqualTo(TrialApply.CLEAN);
    assertThat(gitApplyCheckAtHead(bundle)).as("git agrees").isTrue();
  }

  /**
   * One file at the base, in the project (null: deleted) and at the upstream head (null: deleted).
   */
  record TrialCase(String name, String base, String project, String head, TrialApply expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<TrialCase> trialCases() {
    String noEol = TEN_LINES.substring(0, TEN_LINES.length() - 1);
    String crlf = TEN_LINES.replace("\n", "\r\n");
    return Stream.of(
        new TrialCase(
            "same lines",
            TEN_LINES,
            edit(TEN_LINES, "beta", "BETA"),
            edit(TEN_LINES, "beta", "Beta!"),
            TrialApply.CONFLICT),
        new TrialCase(
            "other lines",
            TEN_LINES,
            edit(TEN_LINES, "beta", "BETA"),
            edit(TEN_LINES, "kappa", "KAPPA"),
            TrialApply.CLEAN),
        new TrialCase(
            "adjacent lines",
            TEN_LINES,
            edit(TEN_LINES, "delta", "DELTA"),
            edit(TEN_LINES, "epsilon", "EPSILON"),
            TrialApply.CONFLICT),
        new TrialCase(
            "lines inserted above",
            TEN_LINES,
            edit(TEN_LINES, "iota", "IOTA"),
            "new 1\nnew 2\nnew 3\n" + TEN_LINES,
            TrialApply.CLEAN),
        new TrialCase(
            "first line edited, lines inserted above",
            TEN_LINES,
            edit(TEN_LINES, "alpha", "ALPHA"),
            "new 1\n" + TEN_LINES,
            TrialApply.CONFLICT),
        new TrialCase(
            "both append",
            TEN_LINES,
            TEN_LINES + "ours\n",
            TEN_LINES + "theirs\n",
            TrialApply.CONFLICT),
        new TrialCase(
            "append, head edits top",
            TEN_LINES,
            TEN_LINES + "ours\n",
            edit(TEN_LINES, "alpha", "ALPHA"),
            TrialApply.CLEAN),
        new TrialCase(
            "no final newline, edits apart",
            noEol,
            edit(noEol, "beta", "BETA"),
            edit(noEol, "kappa", "KAPPA"),
            TrialApply.CLEAN),
        new TrialCase(
            "no final newline, last line both",
            noEol,
            edit(noEol, "kappa", "K1"),
            edit(noEol, "kappa", "K2"),
            TrialApply.CONFLICT),
        new TrialCase(
            "no final newline, head adds it",
            noEol,
            edit(noEol, "kappa", "K1"),
            noEol + "\n",
            TrialApply.CONFLICT),
        new TrialCase(
            "project deletes, head unchanged elsewhere",
            TEN_LINES,
            null,
            TEN_LINES,
            TrialApply.CLEAN),
        new TrialCase(
            "project deletes, head edits",
            TEN_LINES,
            null,
            edit(TEN_LINES, "beta", "B"),
            TrialApply.CONFLICT),
        new TrialCase(
            "project edits, head deletes",
            TEN_LINES,
            edit(TEN_LINES, "beta", "B"),
            null,
            TrialApply.CONFLICT),
        new TrialCase(
            "crlf, other lines",
            crlf,
            edit(crlf, "beta", "BETA"),
            edit(crlf, "kappa", "KAPPA"),
            TrialApply.CLEAN),
        new TrialCase(
            "crlf, same lines",
            crlf,
            edit(crlf, "beta", "BETA"),
            edit(crlf, "beta", "B!"),
            TrialApply.CONFLICT));
  }

  private static String edit(String text, String line, String replacement) {
    return text.replace(line, replacement);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trialCases")
  void build_trialApplyAgreesWithGitApplyCheck(TrialCase c) throws Exception {
    String file = SKILL + "/notes.md";
    RevCommit base = upstream.commit("base", Map.of(SKILL + "/SKILL.md", "s\n", file, c.base()));
    ArtifactTree project =
        c.project() == null
            ? Trees.folder("SKILL.md", "s\n")
            : Trees.folder("SKILL.md", "s\n", "notes.md", c.project());
    Map<String, String> head = new LinkedHashMap<>();
    head.put(file, c.head());
    head.put("README.md", "moved on\n");
    upstream.commit("head", head);

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.TAR_GZ);

    boolean gitSaysClean = gitApplyCheckAtHead(bundle);
    assertThat(gitSaysClean).as("the case's premise").isEqualTo(c.expected() == TrialApply.CLEAN);
    assertThat(bundle.trialApply()).isEqualTo(c.expected());
  }

  @Test
  void build_trialApplyAgreesWithGitApplyCheckOnGeneratedEdits() throws Exception {
    Random random = new Random(20261105);
    int files = 80;
    Map<String, String> base = new LinkedHashMap<>();
    Map<String, String> head = new LinkedHashMap<>();
    List<FileEntry> ours = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      String eol = random.nextInt(5) == 0 ? "\r\n" : "\n";
      List<String> lines = new ArrayList<>();
      for (int n = random.nextInt(30); n > 0; n--) {
        lines.add(WORDS[random.nextInt(WORDS.length)]);
      }
      String name = String.format("f%02d.md", i);
      base.put(SKILL + "/" + name, render(lines, eol, random.nextInt(6) > 0));
      head.put(SKILL + "/" + name, render(mutate(lines, random), eol, random.nextInt(6) > 0));
      ours.add(Trees.text(name, render(mutate(lines, random), eol, random.nextInt(6) > 0)));
    }
    RevCommit baseCommit = upstream.commit("base", base);
    upstream.commit("head", head);

    PatchBundle bundle =
        build(input(baseCommit.name(), ArtifactTree.folder(ours)), BundleFormat.TAR_GZ);

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    Path patch = Files.write(tmp.resolve("gen.patch"), entry(bundle, s.patchEntry()).bytes());
    Path clone = cloneAt(s.headSha());
    Map<String, Boolean> git = new TreeMap<>();
    Map<String, Boolean> predicted = new TreeMap<>();
    List<String> conflicting = s.trialApply().conflicts().stream().map(TrialIssue::path).toList();
    for (PatchedFile f : s.files()) {
      git.put(
          f.path(),
          GitCommand.run(clone, "apply", "--check", "--include=" + f.path(), patch.toString())
                  .exitCode()
              == 0);
      predicted.put(f.path(), !conflicting.contains(f.path()));
    }
    assertThat(s.trialApply().unchecked()).isEmpty();
    assertThat(git.values()).as("the generated edits hold both outcomes").contains(true, false);
    assertThat(predicted).isEqualTo(git);
  }

  private static final String[] WORDS = {"a", "b", "c", "", "}", "# Title", "- item", "end"};

  private static String render(List<String> lines, String eol, boolean finalNewline) {
    String text = String.join(eol, lines);
    return lines.isEmpty() || !finalNewline ? text : text + eol;
  }

  /** A few random replacements, insertions and deletions. */
  private static List<String> mutate(List<String> lines, Random random) {
    List<String> out = new ArrayList<>(lines);
    for (int k = random.nextInt(4); k > 0; k--) {
      int at = random.nextInt(out.size() + 1);
      switch (random.nextInt(3)) {
        case 0 -> out.add(at, "new " + random.nextInt(100));
        case 1 -> {
          if (at < out.size()) {
            out.remove(at);
          }
        }
        default -> {
          if (at < out.size()) {
            out.set(at, "changed " + random.nextInt(100));
          }
        }
      }
    }
    return out;
  }

  @Test
  void build_trialApplyReportsConflict_whenHeadAddedDeletedOrChangedWholeFiles() throws Exception {
    byte[] logo = binary(300, 1);
    RevCommit base =
        upstream.commit(
            "add",
            Map.of(SKILL + "/SKILL.md", "s\n", SKILL + "/a.md", "a\n", SKILL + "/gone.md", "g\n"));
    write(upstream.workDir(), SKILL + "/logo.bin", logo);
    base = upstream.commitAll("logo");
    ArtifactTree project =
        ArtifactTree.folder(
            List.of(
                Trees.text("SKILL.md", "s\n"),
                Trees.text("a.md", "a changed\n"),
                Trees.text("new.md", "ours\n"),
                Trees.file("logo.bin", binary(300, 2), FileMode.REGULAR)));
    write(upstream.workDir(), SKILL + "/logo.bin", binary(300, 3));
    Map<String, String> head = new LinkedHashMap<>();
    head.put(SKILL + "/a.md", null);
    head.put(SKILL + "/new.md", "theirs\n");
    head.put(SKILL + "/gone.md", "g changed\n");
    upstream.commit("upstream", head);

    PatchBundle bundle = build(input(base.name(), project), BundleFormat.ZIP);

    assertThat(bundle.trialApply()).isEqualTo(TrialApply.CONFLICT);
    assertThat(bundle.artifacts().get(0).trialApply().conflicts())
        .extracting(TrialIssue::path)
        .containsExactlyInAnyOrder(
            SKILL + "/a.md", SKILL + "/new.md", SKILL + "/gone.md", SKILL + "/logo.bin");
    assertThat(gitApplyCheckAtHead(bundle)).as("git agrees").isFalse();
  }

  @Test
  void build_trialApplyOfCrlfFile_isCheckedWithGit() throws Exception {
    String crlf = TEN_LINES.replace("\n", "\r\n");
    RevCommit base =
        upstream.commit("add", Map.of(SKILL + "/SKILL.md", "s\n", SKILL + "/win.md", crlf));
    ArtifactTree project =
        Trees.folder("SKILL.md", "s\n", "win.md", crlf.replace("beta\r\n", "BETA\r\n"));
    upstream.commit(
        "other lines", Map.of(SKILL + "/win.md", crlf.replace("kappa\r\n", "KAPPA\r\n")));

    PatchBundle clean = build(input(base.name(), project), BundleFormat.TAR_GZ);
    upstream.commit("same lines", Map.of(SKILL + "/win.md", crlf.replace("beta\r\n", "Beta!\r\n")));
    PatchBundle conflict = build(input(base.name(), project), BundleFormat.TAR_GZ);

    assertThat(clean.trialApply()).isEqualTo(TrialApply.CLEAN);
    assertThat(conflict.trialApply()).isEqualTo(TrialApply.CONFLICT);
    assertThat(conflict.artifacts().get(0).trialApply().conflicts())
        .singleElement()
        .satisfies(i -> assertThat(i.reason()).startsWith("git apply --check"));
  }

  @Test
  void build_tagRef_isTrialAppliedAgainstTheDefaultBranch() throws Exception {
    RevCommit base =
        upstream.commit("add", Map.of(SKILL + "/SKILL.md", "s\n", SKILL + "/notes.md", TEN_LINES));
    upstream.tag("v1", true);
    RevCommit main =
        upstream.commit("on main", Map.of(SKILL + "/notes.md", edit(TEN_LINES, "beta", "Beta!")));
    ArtifactTree project =
        Trees.folder("SKILL.md", "s\n", "notes.md", edit(TEN_LINES, "beta", "BETA"));

    PatchBundle bundle =
        builder.build(
            List.of(
                new ArtifactPatchInput(
                    PDF_TOOLS, new UpstreamSpec(upstream.url(), "v1", SKILL), null, project)),
            BundleFormat.TAR_GZ,
            OLD,
            tmp.resolve("out/b.tar.gz"));

    ArtifactPatchSummary s = bundle.artifacts().get(0);
    assertThat(s.baseSha()).as("no resolved_sha: the tag's commit").isEqualTo(base.name());
    assertThat(s.headRef()).isEqualTo("main");
    assertThat(s.headSha()).isEqualTo(main.name());
    assertThat(s.trialApply().status()).isEqualTo(TrialApply.CONFLICT);
  }

  @Test
  void build_trialApplyIsUnknown_whenCrlfFileNeedsGitAndGitIsMissing() throws Exception {
    String crlf = TEN_LINES.replace("\n", "\r\n");
    RevCommit base = upstream.commit("add", Map.of(SKILL + "/win.md", crlf));
    ArtifactTree project = Trees.folder("win.md", crlf.replace("beta\r\n", "BETA\r\n"));
    upstream.commit(
        "other lines", Map.of(SKILL + "/win.md", crlf.replace("kappa\r\n", "KAPPA\r\n")));
    PatchBundleBuilder noGit =
        new PatchBundleBuilder(cache, CLOCK, FetchPolicy.ALWAYS, "tiersync-test-no-such-git");

    PatchBundle bundle =
        noGit.build(
            List.of(input(base.name(), project)), BundleFormat.TAR_GZ, OLD, tmp.resolve("out/b.tar.gz"));

    assertThat(bundle.trialApply()).isEqualTo(TrialApply.UNKNOWN);
    assertThat(bundle.artifacts().get(0).trialApply().unchecked())
        .singleElement()
        .satisfies(i -> assertThat(i.path()).isEqualTo(SKILL + "/win.md"));
  }

  // ---------------------------------------------------------------- GitHub link

  @Test
  void build_githubUpstream_hasCompareLinkForSuggestedBranch() throws Exception {
    RevCommit base = upstream.commit("add", Map.of(SKILL + "/SKILL.md", "a\n"));
    String gitHubUrl = "https://github.com/acme/claude-skills.git";
    seedMirror(gitHubUrl);
    PatchBundleBuilder offline = new PatchBundleBuilder(cache, CLOCK, FetchPolicy.IF_MISSING);
    ArtifactTree project = Trees.folder("SKILL.md", "b\n");

    PatchBundle bundle =
        offline.build(
            List.of(
                new ArtifactPatchInput(
                    PDF_TOOLS, new UpstreamSpec(gitHubUrl, "main", SKILL), base.name(), project)),
            BundleFormat.TAR_GZ,
            OLD,
            tmp.resolve("out/b.tar.gz"));

    String branch = "tiersync/pdf-tools-" + project.contentHash().substring(0, 8);
    String url = "https://github.com/acme/claude-skills/compare/main..." + branch + "?expand=1";
    assertThat(bundle.suggestedBranch()).isEqualTo(branch);
    assertThat(bundle.githubPrUrl()).isEqualTo(url);
    assertThat(bundle.artifacts().get(0).githubPrUrl()).isEqualTo(url);
    JsonNode m = manifest(bundle);
    assertThat(m.path("github_pr_url").asText()).isEqualTo(url);
    assertThat(m.path("artifacts").path(0).path("suggested_branch").asText()).isEqualTo(branch);
  }

  @Test
  void build_twoArtifactsOfOneGithubRepo_shareOneBranchAndCompareLink() throws Exception {
    RevCommit base =
        upstream.commit(
            "add", Map.of(SKILL + "/SKILL.md", "a\n", "commands/review.md", "Review.\n"));
    String gitHubUrl = "git@github.com:acme/claude-skills.git";
    seedMirror(gitHubUrl);
    PatchBundleBuilder offline = new PatchBundleBuilder(cache, CLOCK, FetchPolicy.IF_MISSING);
    ArtifactPatchInput review =
        new ArtifactPatchInput(
            ArtifactId.parse("command:review"),
            new UpstreamSpec(gitHubUrl, null, "commands/review.md"),
            base.name(),
            ArtifactTree.singleFile(Trees.text("review.md", "Review twice.\n")));
    ArtifactPatchInput skill =
        new ArtifactPatchInput(
            PDF_TOOLS,
            new UpstreamSpec(gitHubUrl, null, SKILL),
            base.name(),
            Trees.folder("SKILL.md", "b\n"));

    PatchBundle bundle =
        offline.build(List.of(review, skill), BundleFormat.ZIP, OLD, tmp.resolve("out/b.zip"));

    assertThat(bundle.artifacts())
        .extracting(a -> a.artifactId().toString())
        .containsExactly("skill:pdf-tools", "command:review");
    assertThat(BundleEntries.names(BundleEntries.read(bundle.path(), BundleFormat.ZIP)))
        .containsExactly(
            "manifest.json",
            "patches/skill-pdf-tools.patch",
            "patches/command-review.patch",
            "files/commands/review.md",
            "files/" + SKILL + "/SKILL.md");
    assertThat(bundle.suggestedBranch()).matches("tiersync/patch-[0-9a-f]{8}");
    assertThat(bundle.githubPrUrl())
        .isEqualTo(
            "https://github.com/acme/claude-skills/compare/main..."
                + bundle.suggestedBranch()
                + "?expand=1");
    assertThat(bundle.artifacts())
        .extracting(ArtifactPatchSummary::githubPrUrl)
        .allSatisfy(
            url ->
                assertThat(url)
                    .startsWith("https://github.com/acme/claude-skills/compare/main...tiersync/"));
  }

  @Test
  void build_namesThatSanitiseAlike_getDistinctPatchEntries() throws Exception {
    RevCommit base = upstream.commit("init", Map.of("README.md", "r\n"));
    ArtifactPatchInput spaced =
        new ArtifactPatchInput(
            ArtifactId.parse("skill:a b"),
            new UpstreamSpec(upstream.url(), null, "skills/a b"),
            base.name(),
            Trees.folder("SKILL.md", "1\n"));
    ArtifactPatchInput underscored =
        new ArtifactPatchInput(
            ArtifactId.parse("skill:a_b"),
            new UpstreamSpec(upstream.url(), null, "skills/a_b"),
            base.name(),
            Trees.folder("SKILL.md", "2\n"));

    PatchBundle bundle =
        builder.build(List.of(spaced, underscored), BundleFormat.TAR_GZ, OLD, tmp.resolve("out/b.tgz"));

    assertThat(bundle.artifacts())
        .extracting(ArtifactPatchSummary::patchEntry)
        .containsExactly("patches/skill-a_b.patch", "patches/skill-a_b-2.patch");
    assertThat(bundle.artifacts().get(0).suggestedBranch()).startsWith("tiersync/a_b-");
    assertThat(bundle.githubPrUrl()).isNull();
  }

  // ---------------------------------------------------------------- fixtures

  /**
   * A skill with every kind of file: CRLF, no final newline, Latin-1, binary, a symlink, nested
   * folders, files that will be removed, made executable or edited.
   */
  private RevCommit commitRichSkill() throws Exception {
    Path w = upstream.workDir();
    write(w, "README.md", "repo\n".getBytes(UTF_8));
    write(w, "skills/other/SKILL.md", "other\n".getBytes(UTF_8));
    for (Map.Entry<String, byte[]> f : richBase().entrySet()) {
      write(w, SKILL + "/" + f.getKey(), f.getValue());
    }
    upstream.symlink(SKILL + "/link", "SKILL.md");
    return upstream.commitAll("add pdf-tools");
  }

  private static Map<String, byte[]> richBase() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("SKILL.md", ("---\nname: pdf-tools\n---\n" + "step\n".repeat(12)).getBytes(UTF_8));
    m.put("removed.md", "to be removed\n".getBytes(UTF_8));
    m.put("modified.md", TEN_LINES.getBytes(UTF_8));
    m.put("crlf.md", TEN_LINES.replace("\n", "\r\n").getBytes(UTF_8));
    m.put("no-newline.md", "first\nsecond\nlast".getBytes(UTF_8));
    m.put("gains-newline.md", "x".getBytes(UTF_8));
    m.put("scripts/run.sh", "#!/bin/sh\necho run\n".getBytes(UTF_8));
    m.put("scripts/tool.sh", "#!/bin/sh\necho tool\n".getBytes(UTF_8));
    m.put("ref/deep/notes.md", "notes\n".getBytes(UTF_8));
    m.put("latin1.txt", "caf\u00e9\nna\u00efve\n".getBytes(ISO_8859_1));
    m.put("logo.bin", binary(700, 1));
    m.put("old.bin", binary(40, 9));
    return m;
  }

  /** The project's version of the rich skill, on disk as a project tier holds it. */
  private Path writeRichProjectVersion() throws IOException {
    Path dir = tmp.resolve("project/.claude/" + SKILL);
    Map<String, byte[]> m = richBase();
    m.remove("removed.md");
    m.remove("old.bin");
    m.put("modified.md", TEN_LINES.replace("beta\n", "BETA\n").concat("lambda\n").getBytes(UTF_8));
    m.put("crlf.md", TEN_LINES.replace("\n", "\r\n").replace("gamma", "GAMMA").getBytes(UTF_8));
    m.put("no-newline.md", "first\nsecond\nlast edited".getBytes(UTF_8));
    m.put("gains-newline.md", "x\n".getBytes(UTF_8));
    m.put("scripts/tool.sh", "#!/bin/sh\necho tool v2\n".getBytes(UTF_8));
    m.put("ref/deep/notes.md", "notes\nmore\n".getBytes(UTF_8));
    m.put("ref/deep/new.md", "new\n".getBytes(UTF_8));
    m.put("nested/a/b/c.md", "deep\n".getBytes(UTF_8));
    m.put("latin1.txt", "caf\u00e9\nna\u00efve cr\u00e8me\n".getBytes(ISO_8859_1));
    byte[] logo = binary(700, 1);
    logo[10] ^= 0x55;
    logo[600] ^= 0x55;
    m.put("logo.bin", logo);
    m.put("new.bin", binary(100, 5));
    m.put("with space.md", "spaced\n".getBytes(UTF_8));
    m.put("empty.md", new byte[0]);
    for (Map.Entry<String, byte[]> f : m.entrySet()) {
      write(dir, f.getKey(), f.getValue());
    }
    executable(dir.resolve("scripts/run.sh"));
    executable(dir.resolve("scripts/tool.sh"));
    Files.createSymbolicLink(dir.resolve("link"), Path.of("ref/deep/notes.md"));
    return dir;
  }

  /** Deterministic bytes with NULs in them, so Git treats them as binary. */
  private static byte[] binary(int size, int seed) {
    byte[] b = new byte[size];
    int x = seed;
    for (int i = 0; i < size; i++) {
      x = x * 1103515245 + 12345;
      b[i] = (byte) (i % 7 == 0 ? 0 : x >>> 16);
    }
    return b;
  }

  private ArtifactPatchInput input(String baseSha, ArtifactTree project) {
    return new ArtifactPatchInput(
        PDF_TOOLS, new UpstreamSpec(upstream.url(), null, SKILL), baseSha, project);
  }

  private PatchBundle build(ArtifactPatchInput in, BundleFormat format) throws IOException {
    return builder.build(List.of(in), format, OLD, tmp.resolve("out/bundle." + format.id()));
  }

  private static BundleEntries.Entry entry(PatchBundle bundle, String name) throws IOException {
    return BundleEntries.get(BundleEntries.read(bundle.path(), bundle.format()), name);
  }

  private static JsonNode manifest(PatchBundle bundle) throws IOException {
    return new ObjectMapper().readTree(entry(bundle, "manifest.json").bytes());
  }

  private static JsonNode findFile(JsonNode artifact, String path) {
    for (JsonNode f : artifact.path("files")) {
      if (f.path("path").asText().equals(path)) {
        return f;
      }
    }
    throw new AssertionError("no file " + path + " in the manifest");
  }

  /** A fresh {@code git clone} of the upstream, checked out at {@code sha}. */
  private Path cloneAt(String sha) throws Exception {
    Path clone = tmp.resolve("clone-" + sha.substring(0, 8) + "-" + System.nanoTime());
    GitCommand.ok(tmp, "clone", "-q", upstream.url(), clone.toString());
    GitCommand.ok(clone, "checkout", "-q", "--detach", sha);
    return clone;
  }

  /** Whether {@code git apply --check} of the bundle's only patch passes at the current head. */
  private boolean gitApplyCheckAtHead(PatchBundle bundle) throws Exception {
    ArtifactPatchSummary s = bundle.artifacts().get(0);
    Path patch =
        Files.write(tmp.resolve("head-check.patch"), entry(bundle, s.patchEntry()).bytes());
    return GitCommand.run(cloneAt(s.headSha()), "apply", "--check", patch.toString()).exitCode()
        == 0;
  }

  /** A mirror for {@code url} in the cache, filled from the local upstream: no network needed. */
  private void seedMirror(String url) throws Exception {
    Path mirror = cache.mirrorDir(url);
    try (Git git =
        Git.cloneRepository()
            .setURI(upstream.url())
            .setBare(true)
            .setDirectory(mirror.toFile())
            .call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", url);
      config.save();
    }
  }

  private List<String> mirrorObjects() throws Exception {
    cache.fetch(upstream.url(), null);
    try (Stream<Path> walk = Files.walk(cache.mirrorDir(upstream.url()).resolve("objects"))) {
      return walk.map(Path::toString).sorted().toList();
    }
  }

  private static ArtifactTree read(Path root) throws IOException {
    return new DiskTreeReader(new HashCache()).read(root).orElseThrow();
  }

  private static void write(Path root, String rel, byte[] content) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
  }

  private static void executable(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(ArtifactTree.sha256().digest(bytes));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Adds two {@code added/removed} count pairs (a type change is listed twice by git). */
  private static String sum(String a, String b) {
    if (a.startsWith("-")) {
      return a;
    }
    String[] x = a.split("/");
    String[] y = b.split("/");
    return (Integer.parseInt(x[0]) + Integer.parseInt(y[0]))
        + "/"
        + (Integer.parseInt(x[1]) + Integer.parseInt(y[1]));
  }
}
