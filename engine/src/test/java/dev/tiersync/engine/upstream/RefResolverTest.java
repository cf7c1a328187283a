package dev.tiersync.engine.upstream;

import static dev.tiersync.engine.upstream.UpstreamParts.SKILL;
import static dev.tiersync.engine.upstream.UpstreamParts.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RefResolverTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final Path tmp = parts.root;
  private final UpstreamRepo upstream = parts.upstream;
  private final RefResolver refs = parts.refs;
  private final UpstreamTreeReader trees = parts.trees;

  private ResolvedRef resolve(String url, String ref) throws UpstreamUnavailableException {
    return refs.resolve(url, ref, FetchPolicy.ALWAYS, null);
  }

  @Test
  void resolve_branch_returnsTipWithCommitMetadata() throws Exception {
    RevCommit c = parts.commitSkill();

    ResolvedRef r = resolve(upstream.url(), "main");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.BRANCH);
    assertThat(r.refName()).isEqualTo("main");
    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(r.author()).isEqualTo("Ada Lovelace <ada@example.com>");
    assertThat(r.shortMessage()).isEqualTo("add pdf-tools");
    assertThat(r.commitTime()).isEqualTo(Instant.ofEpochSecond(c.getCommitTime()));
  }

  @Test
  void resolve_annotatedTag_peelsToCommit() throws Exception {
    RevCommit tagged = parts.commitSkill();
    upstream.tag("v1.0", true);
    upstream.commit("later", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef r = resolve(upstream.url(), "v1.0");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.TAG);
    assertThat(r.refName()).isEqualTo("v1.0");
    assertThat(r.commitSha()).isEqualTo(tagged.name());
    assertThat(resolve(upstream.url(), "refs/tags/v1.0").commitSha())
        .isEqualTo(tagged.name());
  }

  @Test
  void resolve_lightweightTag_resolvesToCommit() throws Exception {
    RevCommit tagged = parts.commitSkill();
    upstream.tag("light", false);
    upstream.commit("later", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef r = resolve(upstream.url(), "light");

    assertThat(r.kind()).isEqualTo(ResolvedRef.Kind.TAG);
    assertThat(r.commitSha()).isEqualTo(tagged.name());
  }

  @Test
  void resolve_fullAndAbbreviatedSha_resolveToThatCommit() throws Exception {
    RevCommit first = parts.commitSkill();
    upstream.commit("second", files(SKILL + "/SKILL.md", "b\n"));

    ResolvedRef full = resolve(upstream.url(), first.name());
    ResolvedRef shortSha = resolve(upstream.url(), first.name().substring(0, 10));

    assertThat(full.kind()).isEqualTo(ResolvedRef.Kind.COMMIT);
    assertThat(full.commitSha()).isEqualTo(first.name());
    assertThat(full.refName()).isEqualTo(first.name());
    assertThat(shortSha.commitSha()).isEqualTo(first.name());
  }

  @Test
  void resolve_unknownRef_throwsRefNotFoundNamingUrlAndRef() throws Exception {
    parts.commitSkill();

    assertThatThrownBy(() -> resolve(upstream.url(), "no-such-branch"))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .isNotInstanceOf(java.io.IOException.class)
        .hasMessageContaining("no-such-branch")
        .hasMessageContaining(upstream.url().replaceAll("/$", ""))
        .satisfies(
            e -> assertThat(((UpstreamRefNotFoundException) e).ref()).isEqualTo("no-such-branch"));
    assertThatThrownBy(
            () -> resolve(upstream.url(), "0123456789abcdef0123456789abcdef01234567"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
    assertThatThrownBy(() -> resolve(upstream.url(), "../../config"))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void resolve_emptyRepository_latestThrowsRefNotFound() {
    assertThatThrownBy(() -> resolve(upstream.url(), null))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("no default branch");
  }

  @Test
  void resolve_ifMissingPolicy_answersKnownShaWithoutTheRemote() throws Exception {
    RevCommit c = parts.commitSkill();
    parts.fetch(upstream.url(), null);
    Path moved = tmp.resolve("moved.git");
    Files.move(upstream.bareDir(), moved);

    ResolvedRef r = refs.resolve(upstream.url(), c.name(), FetchPolicy.IF_MISSING, null);

    assertThat(r.commitSha()).isEqualTo(c.name());
    assertThat(trees.read(upstream.url(), c.name(), SKILL, null)).isPresent();
    assertThatThrownBy(() -> refs.resolve(upstream.url(), c.name(), FetchPolicy.ALWAYS, null))
        .isInstanceOf(UpstreamUnavailableException.class);
  }

  @Test
  void resolve_neverPolicy_failsAsUnavailableWhenNotCached() throws Exception {
    RevCommit c = parts.commitSkill();

    assertThatThrownBy(() -> refs.resolve(upstream.url(), "main", FetchPolicy.NEVER, null))
        .isInstanceOf(UpstreamUnavailableException.class);

    parts.fetch(upstream.url(), null);
    upstream.commit("newer", files(SKILL + "/SKILL.md", "z\n"));
    assertThat(refs.resolve(upstream.url(), "main", FetchPolicy.NEVER, null).commitSha())
        .isEqualTo(c.name());
    assertThatThrownBy(() -> refs.resolve(upstream.url(), "not-fetched", FetchPolicy.NEVER, null))
        .isInstanceOf(UpstreamUnavailableException.class);
  }
}
