package dev.tiersync.engine.patch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitPathQuotingTest {
  @Test
  void quote_onlyNamesThatNeedIt_likeGit() {
    assertThat(new String(GitPathQuoting.quote("a/plain name.md"), UTF_8))
        .isEqualTo("a/plain name.md");
    assertThat(new String(GitPathQuoting.quote("a/\u00e9.md"), UTF_8)).isEqualTo("a/\u00e9.md");
    assertThat(new String(GitPathQuoting.quote("a/t\tq\"b\\\u0001.md"), UTF_8))
        .isEqualTo("\"a/t\\tq\\\"b\\\\\\001.md\"");
  }
}
