package dev.tiersync.engine.upstream;

import static dev.tiersync.engine.upstream.UpstreamParts.SKILL;
import static dev.tiersync.engine.upstream.UpstreamParts.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.testing.UpstreamRepo;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PathHistoryTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final UpstreamRepo upstream = parts.upstream;
  private final PathHistory history = parts.history;

  @Test
  void history_listsCommitsTouchingThePathNewestFirst() throws Exception {
    RevCommit c1 = parts.commitSkill();
    upstream.commit("unrelated", files("README.md", "changed\n"));
    RevCommit c3 = upstream.commit("edit skill", files(SKILL + "/SKILL.md", "b\n"));
    upstream.commit("unrelated again", files("other/x.md", "x\n"));
    RevCommit c5 = upstream.commit("drop ref", files(SKILL + "/ref/x.md", null));

    List<CommitInfo> all = history.log(upstream.url(), "main", SKILL, 10, FetchPolicy.ALWAYS, null);
    List<CommitInfo> two = history.log(upstream.url(), "main", SKILL, 2, FetchPolicy.ALWAYS, null);

    assertThat(all).extracting(CommitInfo::sha).containsExactly(c5.name(), c3.name(), c1.name());
    assertThat(all.get(0).shortMessage()).isEqualTo("drop ref");
    assertThat(two).extracting(CommitInfo::sha).containsExactly(c5.name(), c3.name());
    assertThat(history.log(upstream.url(), "main", "", 10, FetchPolicy.ALWAYS, null)).hasSize(5);
  }
}
