package dev.tiersync.engine.upstream;

import static dev.tiersync.engine.upstream.UpstreamParts.SKILL;
import static dev.tiersync.engine.upstream.UpstreamParts.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.testing.UpstreamRepo;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code git log <from>..<to> -- <path>} through {@link PathHistory#range}. */
class CommitRangeTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final UpstreamRepo upstream = parts.upstream;
  private final PathHistory history = parts.history;

  @Test
  void range_listsTheCommitsThatTouchedThePathAfterFromUpToTo_newestFirst() throws Exception {
    RevCommit from = parts.commitSkill();
    RevCommit edit1 = upstream.commit("edit skill", files(SKILL + "/SKILL.md", "b\n"));
    upstream.commit("unrelated", files("README.md", "changed\n"));
    RevCommit edit2 = upstream.commit("add ref", files(SKILL + "/ref/y.md", "y\n"));
    RevCommit to = upstream.commit("unrelated again", files("other/x.md", "x\n"));
    upstream.commit("after head", files(SKILL + "/SKILL.md", "c\n"));

    CommitRange all = history.range(upstream.url(), from.name(), to.name(), SKILL, 10, null);
    CommitRange one = history.range(upstream.url(), from.name(), to.name(), SKILL, 1, null);
    CommitRange countOnly = history.range(upstream.url(), from.name(), to.name(), SKILL, 0, null);

    assertThat(all.total()).isEqualTo(2);
    assertThat(all.commits()).extracting(CommitInfo::sha).containsExactly(edit2.name(), edit1.name());
    assertThat(all.commits().get(0).shortMessage()).isEqualTo("add ref");
    assertThat(all.commits().get(0).author()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(one.total()).isEqualTo(2);
    assertThat(one.commits()).extracting(CommitInfo::sha).containsExactly(edit2.name());
    assertThat(countOnly.commits()).isEmpty();
    assertThat(countOnly.total()).isEqualTo(2);
    assertThat(history.range(upstream.url(), edit2.name(), to.name(), SKILL, 10, null).total()).isZero();
    assertThat(history.range(upstream.url(), to.name(), to.name(), SKILL, 10, null).total()).isZero();
    assertThat(history.range(upstream.url(), from.name(), to.name(), "", 10, null).total()).isEqualTo(4);
  }

  @Test
  void range_withACommitTheUpstreamLacks_isRefNotFound() throws Exception {
    RevCommit head = parts.commitSkill();

    assertThatThrownBy(
            () ->
                history.range(
                    upstream.url(), "0123456789abcdef0123456789abcdef01234567", head.name(), SKILL, 5, null))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }
}
