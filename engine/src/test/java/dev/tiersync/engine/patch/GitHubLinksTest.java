package dev.tiersync.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitHubLinksTest {
  @Test
  void repository_readsEveryGitHubUrlForm() {
    for (String url :
        new String[] {
          "https://github.com/acme/skills.git",
          "https://github.com/acme/skills",
          "https://www.github.com/acme/skills/",
          "http://GitHub.com/acme/skills.git",
          "ssh://git@github.com/acme/skills.git",
          "git@github.com:acme/skills.git",
        }) {
      assertThat(GitHubLinks.repository(url)).as(url).hasValue("acme/skills");
    }
  }

  @Test
  void repository_isEmptyForOtherHosts() {
    for (String url :
        new String[] {
          "https://gitlab.com/acme/skills.git",
          "https://github.com.evil.example/acme/skills.git",
          "file:///srv/git/skills.git",
          "/srv/git/skills.git",
          "https://github.com/acme",
        }) {
      assertThat(GitHubLinks.repository(url)).as(url).isEmpty();
    }
  }

  @Test
  void compareUrl_encodesRefsButKeepsSlashes() {
    assertThat(GitHubLinks.compareUrl("acme/skills", "release/2.x", "tiersync/pdf-tools-0123abcd"))
        .isEqualTo(
            "https://github.com/acme/skills/compare/release/2.x...tiersync/pdf-tools-0123abcd?expand=1");
    assertThat(GitHubLinks.compareUrl("acme/skills", "a b", "c#d"))
        .isEqualTo("https://github.com/acme/skills/compare/a%20b...c%23d?expand=1");
  }
}
