package dev.tiersync.engine.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpstreamLocationTest {
  @Test
  void parse_gitHubTreeUrl_givesTheRepositoryRefAndFolder() {
    UpstreamLocation l =
        UpstreamLocation.parse("https://github.com/anthropics/skills/tree/main/document-skills", null);

    assertThat(l.repository()).isEqualTo("https://github.com/anthropics/skills.git");
    assertThat(l.ref()).isEqualTo("main");
    assertThat(l.folder()).isEqualTo("document-skills");
    assertThat(l.repositoryName()).isEqualTo("skills");
  }

  @Test
  void parse_gitHubTreeUrl_takesASlashedRefWhenAskedForIt_andHasNoFolderAtItsRef() {
    UpstreamLocation slashed =
        UpstreamLocation.parse("https://github.com/o/r/tree/feature/x/skills/pdf", "feature/x");
    UpstreamLocation bare = UpstreamLocation.parse("https://www.github.com/o/r/tree/v1.2/", null);

    assertThat(slashed.ref()).isEqualTo("feature/x");
    assertThat(slashed.folder()).isEqualTo("skills/pdf");
    assertThat(bare.ref()).isEqualTo("v1.2");
    assertThat(bare.folder()).isEmpty();
  }

  @Test
  void parse_otherForms_areTheRepositoryAsGiven_withoutRefOrFolder() {
    for (String url :
        new String[] {
          "https://github.com/o/r",
          "https://git.example.com/team/skills.git",
          "http://127.0.0.1:8080/team/skills.git",
          "ssh://git@git.example.com:2222/team/skills.git",
          "git@github.com:o/r.git",
          "git://git.example.com/skills",
          "file:///srv/git/skills.git",
          "/srv/git/skills.git"
        }) {
      UpstreamLocation l = UpstreamLocation.parse("  " + url + " ", null);
      assertThat(l.repository()).as(url).isEqualTo(url);
      assertThat(l.ref()).as(url).isNull();
      assertThat(l.folder()).as(url).isEmpty();
    }
    assertThat(UpstreamLocation.parse("git@github.com:o/r.git", null).repositoryName()).isEqualTo("r");
  }

  @Test
  void parse_malformedUrls_areRefusedNamingUrl() {
    for (String url :
        new String[] {
          "", "  ", "not a url", "relative/path", "ftp://example.com/r.git", "https://",
          "https:///no-host", "https://example.com", "file://host/share/r.git", "~/repo",
          "https://github.com/o/r/tree/main/../../etc", "https://exa mple.com/r.git"
        }) {
      assertThatThrownBy(() -> UpstreamLocation.parse(url, null))
          .as(url)
          .isInstanceOfSatisfying(
              InvalidUpstreamUrlException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }
    assertThatThrownBy(() -> UpstreamLocation.parse(null, null))
        .isInstanceOf(InvalidUpstreamUrlException.class);
  }
}
