package dev.tiersync.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import dev.tiersync.engine.model.ArtifactType;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.MergeStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The front-matter-aware merge on a table of cases with the merged text expected; where the merge
 * falls back to the whole file ({@code GIT}), the expected text is what {@code git merge-file
 * --diff3} writes for the same three files.
 */
class FrontMatterMergeTest {
  private static final TextMerge.Labels LABELS = new TextMerge.Labels("project", "base", "collection");
  /** The expected text is {@code git merge-file}'s. */
  private static final String GIT = "<git merge-file>";

  private static final String BODY = "# PDF tools\n\nUse it well.\nAsk first.\nThen act.\n";
  private static final String BASE =
      """
      ---
      name: pdf-tools
      description: Work with PDFs
      # tools the skill may use
      allowed-tools: Read, Grep
      ---
      """
          + BODY;

  @TempDir Path dir;

  /** One row: the three versions, the merged text, and the conflict the merger reports. */
  record Case(
      String name,
      String base,
      String ours,
      String theirs,
      String expected,
      ConflictKind kind,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case(
                "different keys on each side merge cleanly",
                BASE,
                BASE.replace("Work with PDFs", "Read, split and merge PDFs"),
                BASE.replace("Read, Grep", "Read, Grep, Bash"),
                BASE.replace("Work with PDFs", "Read, split and merge PDFs")
                    .replace("Read, Grep", "Read, Grep, Bash"),
                null,
                null),
            new Case(
                "same key changed the same way on both sides is clean",
                BASE,
                BASE.replace("Work with PDFs", "PDFs, all of them"),
                BASE.replace("Work with PDFs", "PDFs, all of them").replace("Read, Grep", "Read"),
                BASE.replace("Work with PDFs", "PDFs, all of them").replace("Read, Grep", "Read"),
                null,
                null),
            new Case(
                "same key changed two ways conflicts on that key only",
                BASE,
                BASE.replace("Work with PDFs", "Ours").replace("Then act.", "Then act now."),
                BASE.replace("Work with PDFs", "Theirs").replace("Read, Grep", "Read"),
                """
                ---
                name: pdf-tools
                <<<<<<< project
                description: Ours
                ||||||| base
                description: Work with PDFs
                =======
                description: Theirs
                >>>>>>> collection
                # tools the skill may use
                allowed-tools: Read
                ---
                """
                    + BODY.replace("Then act.", "Then act now."),
                ConflictKind.CONTENT,
                null),
            new Case(
                "a key added on one side goes after the key it followed there",
                BASE,
                BASE.replace("Ask first.", "Ask first, always."),
                BASE.replace(
                    "description: Work with PDFs\n", "description: Work with PDFs\nlicense: MIT\n"),
                BASE.replace(
                        "description: Work with PDFs\n", "description: Work with PDFs\nlicense: MIT\n")
                    .replace("Ask first.", "Ask first, always."),
                null,
                null),
            new Case(
                "a key removed on one side and unchanged on the other is removed",
                BASE,
                BASE.replace("Work with PDFs", "PDF work"),
                BASE.replace("# tools the skill may use\nallowed-tools: Read, Grep\n", ""),
                BASE.replace("Work with PDFs", "PDF work")
                    .replace("# tools the skill may use\nallowed-tools: Read, Grep\n", ""),
                null,
                null),
            new Case(
                "a key removed on one side and changed on the other conflicts",
                BASE,
                BASE.replace("# tools the skill may use\nallowed-tools: Read, Grep\n", ""),
                BASE.replace("Read, Grep", "Read, Grep, Bash"),
                """
                ---
                name: pdf-tools
                description: Work with PDFs
                <<<<<<< project
                ||||||| base
                allowed-tools: Read, Grep
                =======
                allowed-tools: Read, Grep, Bash
                >>>>>>> collection
                ---
                """
                    + BODY,
                ConflictKind.CONTENT,
                null),
            new Case(
                "the destination's key order and comments are kept",
                BASE,
                """
                ---
                # kept in this order on purpose
                allowed-tools: Read, Grep
                name: pdf-tools  # the folder's name
                description: Work with PDFs
                ---
                """
                    + BODY,
                """
                ---
                name: pdf-tools
                model: sonnet
                description: Handle PDF files
                # tools the skill may use
                allowed-tools: Read, Grep
                ---
                """
                    + BODY,
                """
                ---
                # kept in this order on purpose
                allowed-tools: Read, Grep
                name: pdf-tools  # the folder's name
                model: sonnet
                description: Handle PDF files
                ---
                """
                    + BODY,
                null,
                null),
            new Case(
                "a comment changed on one side and the value on the other",
                BASE,
                BASE.replace("# tools the skill may use", "# the tools, no more"),
                BASE.replace("Read, Grep", "Read"),
                BASE.replace("# tools the skill may use", "# the tools, no more")
                    .replace("Read, Grep", "Read"),
                null,
                null),
            new Case(
                "multi-line values: a block scalar and a list changed on different sides",
                MULTI,
                MULTI.replace("  Second line.\n", "  Second line, reworded.\n"),
                MULTI.replace("  - Grep\n", "  - Grep\n  - Bash\n"),
                MULTI.replace("  Second line.\n", "  Second line, reworded.\n")
                    .replace("  - Grep\n", "  - Grep\n  - Bash\n"),
                null,
                null),
            new Case(
                "multi-line values: a list changed two ways conflicts with both lists",
                MULTI,
                MULTI.replace("  - Grep\n", "  - Glob\n"),
                MULTI.replace("  - Grep\n", "  - Grep\n  - Bash\n"),
                """
                ---
                name: pdf-tools
                description: |
                  First line.
                  Second line.
                <<<<<<< project
                tools:
                  - Read
                  - Glob
                ||||||| base
                tools:
                  - Read
                  - Grep
                =======
                tools:
                  - Read
                  - Grep
                  - Bash
                >>>>>>> collection
                ---
                Body.
                """,
                ConflictKind.CONTENT,
                null),
            new Case(
                "body changes on both sides with front matter changes",
                BASE,
                BASE.replace("Work with PDFs", "PDF work").replace("# PDF tools", "# PDF tools!"),
                BASE.replace("Read, Grep", "Read").replace("Then act.", "Then act, carefully."),
                BASE.replace("Work with PDFs", "PDF work")
                    .replace("# PDF tools", "# PDF tools!")
                    .replace("Read, Grep", "Read")
                    .replace("Then act.", "Then act, carefully."),
                null,
                null),
            new Case(
                "an invalid merged name is a conflict with the reason",
                BASE,
                BASE.replace("Then act.", "Then act now."),
                BASE.replace("name: pdf-tools", "name: PDF Tools"),
                BASE.replace("Then act.", "Then act now.").replace("name: pdf-tools", "name: PDF Tools"),
                ConflictKind.INVALID_FRONT_MATTER,
                "the merged SKILL.md: front matter name 'PDF Tools' must be lower-case letters,"
                    + " digits and hyphens, at most 64 characters"),
            new Case(
                "a description removed on one side is an invalid result",
                BASE,
                BASE.replace("Read, Grep", "Read"),
                BASE.replace("description: Work with PDFs\n", ""),
                BASE.replace("Read, Grep", "Read").replace("description: Work with PDFs\n", ""),
                ConflictKind.INVALID_FRONT_MATTER,
                "the merged SKILL.md: front matter has no description"),
            new Case(
                "untouched front matter merges the whole file as git does",
                BASE,
                BASE.replace("Use it well.", "Use it wisely."),
                BASE.replace("Use it well.", "Use it badly."),
                GIT,
                ConflictKind.CONTENT,
                null),
            new Case(
                "no front matter merges the whole file as git does",
                BODY,
                BODY.replace("Use it well.", "Use it wisely."),
                BODY.replace("Then act.", "Then stop."),
                GIT,
                null,
                null),
            new Case(
                "front matter on one version only merges the whole file as git does",
                BODY,
                "---\nname: pdf-tools\ndescription: PDFs\n---\n" + BODY,
                BODY.replace("Then act.", "Then stop."),
                GIT,
                null,
                null),
            new Case(
                "unparsable YAML merges the whole file as git does, and the result is invalid",
                BASE.replace("allowed-tools: Read, Grep", "allowed-tools: [Read, Grep"),
                BASE.replace("allowed-tools: Read, Grep", "allowed-tools: [Read, Grep")
                    .replace("Work with PDFs", "PDF work"),
                BASE.replace("allowed-tools: Read, Grep", "allowed-tools: [Read, Grep")
                    .replace("Then act.", "Then stop."),
                GIT,
                ConflictKind.INVALID_FRONT_MATTER,
                "the merged SKILL.md: the front matter is not valid YAML"),
            new Case(
                "a duplicate key is unparsable: whole file as git does",
                BASE.replace("name: pdf-tools\n", "name: pdf-tools\nname: pdf\n"),
                BASE.replace("name: pdf-tools\n", "name: pdf-tools\nname: pdf\n")
                    .replace("Read, Grep", "Read"),
                BASE.replace("name: pdf-tools\n", "name: pdf-tools\nname: pdf\n")
                    .replace("Work with PDFs", "PDFs"),
                GIT,
                ConflictKind.INVALID_FRONT_MATTER,
                "the merged SKILL.md: the front matter is not valid YAML: found duplicate key name"
                    + " (line 3)"),
            new Case(
                "CRLF front matter conflict markers use CRLF",
                BASE.replace("\n", "\r\n"),
                BASE.replace("Work with PDFs", "Ours").replace("\n", "\r\n"),
                BASE.replace("Work with PDFs", "Theirs").replace("\n", "\r\n"),
                """
                ---
                name: pdf-tools
                <<<<<<< project
                description: Ours
                ||||||| base
                description: Work with PDFs
                =======
                description: Theirs
                >>>>>>> collection
                # tools the skill may use
                allowed-tools: Read, Grep
                ---
                """
                    .replace("\n", "\r\n")
                    + BODY.replace("\n", "\r\n"),
                ConflictKind.CONTENT,
                null))
        .map(Arguments::of);
  }

  private static final String MULTI =
      """
      ---
      name: pdf-tools
      description: |
        First line.
        Second line.
      tools:
        - Read
        - Grep
      ---
      Body.
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mergesAsTheTableSays(Case c) throws Exception {
    byte[] base = utf8(c.base());
    byte[] ours = utf8(c.ours());
    byte[] theirs = utf8(c.theirs());
    FrontMatterMerge.Result direct = FrontMatterMerge.merge(base, ours, theirs, LABELS);
    String expected = c.expected();
    if (expected.equals(GIT)) {
      expected = gitMergeFile(base, ours, theirs);
      assertThat(direct.byKey()).as("falls back to the whole file").isFalse();
    } else {
      assertThat(direct.byKey()).as("merges the front matter by key").isTrue();
    }
    assertThat(new String(direct.content(), StandardCharsets.UTF_8)).isEqualTo(expected);

    ArtifactMerger merger = new ArtifactMerger(LABELS, ArtifactType.SKILL);
    ArtifactTree extra = Trees.folder("SKILL.md", c.base(), "notes.md", "n\n");
    ArtifactMergeResult r =
        merger.merge(
            extra,
            Trees.folder("SKILL.md", c.ours(), "notes.md", "n\n"),
            Trees.folder("SKILL.md", c.theirs(), "notes.md", "n\n"),
            MergeStrategy.AUTO);
    if (c.kind() == null) {
      assertThat(r.conflicts()).isEmpty();
      assertThat(Trees.content(r.merged(), "SKILL.md")).isEqualTo(expected);
    } else {
      assertThat(r.conflicts())
          .singleElement()
          .satisfies(
              k -> {
                assertThat(k.path()).isEqualTo("SKILL.md");
                assertThat(k.kind()).isEqualTo(c.kind());
                if (c.reason() != null) {
                  assertThat(k.reason()).contains(c.reason());
                } else {
                  assertThat(k.reason()).isNull();
                }
              });
      String kept = Trees.content(r.merged(), "SKILL.md");
      // An invalid result is never written: the destination keeps its file.
      assertThat(kept).isEqualTo(c.kind() == ConflictKind.INVALID_FRONT_MATTER ? c.ours() : expected);
    }
  }

  @Test
  void agentsNeedNameAndDescription_commandsOnlyAWellFormedDescription() {
    String agent = "---\nname: reviewer\ndescription: Reviews code\n---\nYou review.\n";
    assertThat(FrontMatterRules.problem(ArtifactType.AGENT, "reviewer.md", utf8(agent))).isNull();
    assertThat(
            FrontMatterRules.problem(
                ArtifactType.AGENT, "reviewer.md", utf8(agent.replace("name: reviewer\n", ""))))
        .isEqualTo("reviewer.md: front matter has no name");
    assertThat(
            FrontMatterRules.problem(
                ArtifactType.AGENT, "reviewer.md", utf8("---\nname: r\ndescription: \"\"\n---\n")))
        .isEqualTo("reviewer.md: front matter description is empty");
    assertThat(
            FrontMatterRules.problem(
                ArtifactType.SKILL, "SKILL.md", utf8("---\nname: " + "a".repeat(65) + "\ndescription: d\n---\n")))
        .contains("at most 64 characters");
    // YAML 1.2, as Claude Code reads it: "no" is a string, not false.
    assertThat(
            FrontMatterRules.problem(ArtifactType.SKILL, "SKILL.md", utf8("---\nname: no\ndescription: yes\n---\n")))
        .isNull();
    assertThat(FrontMatterRules.problem(ArtifactType.COMMAND, "review.md", utf8("Review the diff.\n")))
        .isNull();
    assertThat(
            FrontMatterRules.problem(
                ArtifactType.COMMAND, "review.md", utf8("---\nargument-hint: [file]\n---\nReview.\n")))
        .isNull();
    assertThat(
            FrontMatterRules.problem(
                ArtifactType.COMMAND, "review.md", utf8("---\ndescription:\n---\nReview.\n")))
        .isEqualTo("review.md: front matter description must be a string, not empty");
    assertThat(FrontMatterRules.problem(ArtifactType.HOOK, "h.md", utf8("x\n"))).isNull();
    assertThat(FrontMatterRules.problem(ArtifactType.SKILL, "docs/SKILL.md", utf8("x\n"))).isNull();
  }

  @Test
  void agentFiles_mergeTheirFrontMatterByKey_andOtherTypesStayPlainText() throws Exception {
    String base = "---\nname: reviewer\ndescription: Reviews code\nmodel: haiku\n---\nYou review.\n";
    String ours = base.replace("haiku", "sonnet");
    String theirs = base.replace("Reviews code", "Reviews code and tests");
    ArtifactMergeResult agent =
        new ArtifactMerger(LABELS, ArtifactType.AGENT)
            .merge(single(base), single(ours), single(theirs), MergeStrategy.AUTO);
    assertThat(agent.conflicts()).isEmpty();
    assertThat(Trees.content(agent.merged(), "reviewer.md"))
        .isEqualTo(base.replace("haiku", "sonnet").replace("Reviews code", "Reviews code and tests"));

    // A hook is not read by Claude Code's front matter rules: adjacent lines conflict as in git.
    ArtifactMergeResult hook =
        new ArtifactMerger(LABELS, ArtifactType.HOOK)
            .merge(single(base), single(ours), single(theirs), MergeStrategy.AUTO);
    assertThat(hook.conflicts()).singleElement().extracting(MergeConflict::kind).isEqualTo(ConflictKind.CONTENT);
    assertThat(Trees.content(hook.merged(), "reviewer.md"))
        .isEqualTo(gitMergeFile(utf8(base), utf8(ours), utf8(theirs)));
  }

  private static ArtifactTree single(String content) {
    return ArtifactTree.singleFile(Trees.text("reviewer.md", content));
  }

  private String gitMergeFile(byte[] base, byte[] ours, byte[] theirs) throws Exception {
    Path b = Files.write(dir.resolve("base"), base);
    Path o = Files.write(dir.resolve("ours"), ours);
    Path t = Files.write(dir.resolve("theirs"), theirs);
    GitCli.Run git = GitCli.mergeFile(dir, o, b, t);
    assertThat(git.exitCode()).as(git.stderr()).isBetween(0, 127);
    return new String(git.stdout(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
