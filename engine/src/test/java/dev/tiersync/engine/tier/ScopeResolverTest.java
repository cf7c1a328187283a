package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeResolverTest {
  @TempDir Path tmp;
  private Path roots;
  private Path outside;
  private ScopeResolver scopes;

  @BeforeEach
  void folders() throws Exception {
    roots = Files.createDirectories(tmp.resolve("projects"));
    outside = Files.createDirectories(tmp.resolve("outside/.claude/skills"));
    Files.createDirectories(tmp.resolve("collections/default"));
    Files.createDirectories(roots.resolve("app/.claude/skills"));
    scopes = new ScopeResolver(new CollectionsRoot(tmp.resolve("collections")), List.of(roots));
  }

  @Test
  void aProjectInsideTheRoots_resolvesToItsRealPath() throws Exception {
    Files.createSymbolicLink(roots.resolve("alias"), roots.resolve("app"));

    assertThat(scopes.project(roots.resolve("app").toString()).projectDir()).isEqualTo(roots.resolve("app").toRealPath());
    assertThat(scopes.project(roots.resolve("alias").toString()).projectDir()).isEqualTo(roots.resolve("app").toRealPath());
  }

  @Test
  void aLinkLeavingTheRoots_isRefused() throws Exception {
    Files.createSymbolicLink(roots.resolve("escape"), outside.getParent().getParent());

    assertRefused(roots.resolve("escape").toString(), "inside an allowed project root");
    assertRefused(roots + "/app/../../outside", "inside an allowed project root");
  }

  @Test
  void aProjectWhoseClaudeOrTypeFolderIsALink_isRefused() throws Exception {
    Files.createDirectories(roots.resolve("linked"));
    Files.createSymbolicLink(roots.resolve("linked/.claude"), outside.getParent());
    Files.createDirectories(roots.resolve("linked-type/.claude"));
    Files.createSymbolicLink(roots.resolve("linked-type/.claude/commands"), outside.resolve("skills"));

    assertRefused(roots.resolve("linked").toString(), ".claude is a symbolic link");
    assertRefused(roots.resolve("linked-type").toString(), ".claude/commands is a symbolic link");
  }

  @Test
  void relativeMissingAndNulPaths_areRefused() {
    assertRefused("projects/app", "absolute");
    assertRefused(roots.resolve("missing").toString(), "not an existing folder");
    assertRefused(roots + "/app\0", "NUL");
  }

  @Test
  void noRoots_acceptNoProject() {
    ScopeResolver none = new ScopeResolver(new CollectionsRoot(tmp.resolve("collections")), List.of());

    assertThatThrownBy(() -> none.project(roots.resolve("app").toString()))
        .isInstanceOf(ScopeResolver.InvalidScopeException.class);
  }

  private void assertRefused(String projectPath, String rule) {
    assertThatThrownBy(() -> scopes.project(projectPath))
        .isInstanceOfSatisfying(
            ScopeResolver.InvalidScopeException.class, e -> assertThat(e.field()).isEqualTo("project_path"))
        .hasMessageContaining(rule);
  }
}
