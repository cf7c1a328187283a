package dev.tiersync.engine.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillMeatAliasesTest {
  private static final String SKILLMEAT_HASH = "a".repeat(64);

  @TempDir Path tmp;
  private HistoryStore store;

  @BeforeEach
  void setUp() {
    store = HistoryStore.open(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void bySkillMeatHash_findsTheAliasedVersion_alsoAfterReopening() throws Exception {
    ArtifactTree v1 = Trees.folder("SKILL.md", "one\n");
    store.put(v1);

    assertThat(store.aliasSkillMeatHash(SKILLMEAT_HASH, v1.contentHash())).isTrue();
    store.close();
    store = HistoryStore.open(tmp.resolve("data"));

    assertThat(store.bySkillMeatHash(SKILLMEAT_HASH)).contains(v1);
    assertThat(store.bySkillMeatHash("b".repeat(64))).isEmpty();
    assertThat(store.bySkillMeatHash("not a hash")).isEmpty();
  }

  @Test
  void aliasSkillMeatHash_laterVersionWins_andUnstoredVersionsAreNotAliased() throws Exception {
    ArtifactTree v1 = Trees.folder("SKILL.md", "one\n");
    ArtifactTree v2 = Trees.folder("SKILL.md", "two\n");
    store.put(v1);
    store.put(v2);

    store.aliasSkillMeatHash(SKILLMEAT_HASH, v1.contentHash());
    store.aliasSkillMeatHash(SKILLMEAT_HASH, v2.contentHash());
    boolean unstored =
        store.aliasSkillMeatHash(SKILLMEAT_HASH, Trees.folder("SKILL.md", "x\n").contentHash());

    assertThat(unstored).isFalse();
    assertThat(store.bySkillMeatHash(SKILLMEAT_HASH)).contains(v2);
  }
}
