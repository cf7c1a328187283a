package dev.tiersync.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactLayoutTest {
  @ParameterizedTest
  @CsvSource({
    "skills/pdf-tools, false, skill:pdf-tools",
    ".claude/skills/pdf-tools, false, skill:pdf-tools",
    "plugins/p/skills/pdf-tools, true, skill:pdf-tools",
    "commands/review.md, false, command:review",
    "agents/architect.md, false, agent:architect",
    "hooks/format.md, false, hook:format",
    "mcp/github, false, mcp:github",
    "mcp/github.md, false, mcp:github",
    "tools/pdf-tools, true, skill:pdf-tools",
    "'', true, skill:team-skills",
  })
  void layoutNamesTheArtifact(String path, boolean holdsSkillFile, String expected) {
    assertThat(ArtifactLayout.of(path, holdsSkillFile, "team-skills"))
        .hasValueSatisfying(id -> assertThat(id.toString()).isEqualTo(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "tools/pdf-tools, false",
    "commands/readme.txt, false",
    "skills/notes.md, false",
    "README.md, false",
    "'', false",
  })
  void otherPathsNameNothing(String path, boolean holdsSkillFile) {
    assertThat(ArtifactLayout.of(path, holdsSkillFile, "team-skills")).isEmpty();
  }
}
