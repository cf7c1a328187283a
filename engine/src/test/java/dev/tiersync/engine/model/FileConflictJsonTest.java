package dev.tiersync.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A conflict's reason is written only when there is one, and plans recorded before read back. */
class FileConflictJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void withoutAReason_theJsonIsAsBefore_andReadsBack() throws Exception {
    FileConflict c = new FileConflict("skill:a", "SKILL.md", ConflictKind.CONTENT);
    String written = json.writeValueAsString(c);
    assertThat(written).isEqualTo("{\"artifactId\":\"skill:a\",\"path\":\"SKILL.md\",\"kind\":\"content\"}");
    assertThat(json.readValue(written, FileConflict.class)).isEqualTo(c);
  }

  @Test
  void anInvalidFrontMatter_carriesItsReason() throws Exception {
    FileConflict c =
        new FileConflict(
            "skill:a", "SKILL.md", ConflictKind.INVALID_FRONT_MATTER,
            "the merged SKILL.md: front matter has no description");
    String written = json.writeValueAsString(c);
    assertThat(written)
        .isEqualTo(
            "{\"artifactId\":\"skill:a\",\"path\":\"SKILL.md\",\"kind\":\"invalid_front_matter\","
                + "\"reason\":\"the merged SKILL.md: front matter has no description\"}");
    assertThat(json.readValue(written, FileConflict.class)).isEqualTo(c);
  }
}
