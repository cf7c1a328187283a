package dev.tiersync.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.model.ArtifactId;
import org.junit.jupiter.api.Test;

class EntryNamesTest {
  @Test
  void slug_replacesEverythingOutsideAPortableSet() {
    assertThat(EntryNames.slug(ArtifactId.parse("skill:pdf-tools_v2.1")))
        .isEqualTo("skill-pdf-tools_v2.1");
    assertThat(EntryNames.slug(ArtifactId.parse("command:r\u00e9view me:now")))
        .isEqualTo("command-r_view_me_now");
  }

  @Test
  void requireSafe_refusesAbsoluteAndEscapingPaths() {
    assertThat(EntryNames.requireSafe("files/skills/a/b.md")).isEqualTo("files/skills/a/b.md");
    for (String bad :
        new String[] {"", "/etc/passwd", "a/../b", "../a", "a//b", "./a", "a\\b", "a/\u0000"}) {
      assertThatThrownBy(() -> EntryNames.requireSafe(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void linkStaysInside_onlyForRelativeTargetsWithinTheArtifact() {
    assertThat(EntryNames.linkStaysInside("link", "SKILL.md")).isTrue();
    assertThat(EntryNames.linkStaysInside("ref/link", "../SKILL.md")).isTrue();
    assertThat(EntryNames.linkStaysInside("link", "../other/SKILL.md")).isFalse();
    assertThat(EntryNames.linkStaysInside("ref/link", "../../x")).isFalse();
    assertThat(EntryNames.linkStaysInside("link", "/etc/passwd")).isFalse();
  }
}
