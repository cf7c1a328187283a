package dev.tiersync.engine.skillmeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.HashCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vectors were written by the real SkillMeat 0.74 CLI ({@code skillmeat add} and {@code
 * deploy}); the expected hashes are the ones it wrote into {@code collection.lock} and {@code
 * .skillmeat-deployed.toml} (see {@code vectors/README.md}). The other expected values were
 * computed with SkillMeat's own {@code compute_content_hash}.
 */
class SkillMeatHashTest {
  private static final Path VECTORS = Path.of("src/test/resources/skillmeat/vectors");
  private static final Map<String, String> WRITTEN =
      Map.of(
          "alpha", "8a8e78de02bb8791a8bcf67a90cd0ae26ba5d3adcaed194571a4c33d2977a42e",
          "beta", "4e7848cef8cfe81f002727a4cf00a1152354338a308eb43f817a9c0daa060d36",
          "gamma", "91555c91fa639de0a1c3e6a92a4635bf5155ef52259ebf8a808c15c558dc6d26");

  @TempDir Path tmp;

  @Test
  void ofPath_matchesWhatSkillMeatWrote_forCollectionAndProjectCopies() throws Exception {
    String lock = Files.readString(VECTORS.resolve("collection/collection.lock"));
    String tracking = Files.readString(VECTORS.resolve("project/.claude/.skillmeat-deployed.toml"));
    for (var e : WRITTEN.entrySet()) {
      assertThat(lock).contains("content_hash = \"" + e.getValue() + "\"");
      assertThat(tracking).contains("content_hash = \"" + e.getValue() + "\"");
      assertThat(SkillMeatHash.of(VECTORS.resolve("collection/skills/" + e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue());
      assertThat(SkillMeatHash.of(VECTORS.resolve("project/.claude/skills/" + e.getKey())))
          .as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void ofPath_matchesWhatSkillMeatWrote_forSingleFileCommandsAndAgents() throws Exception {
    Path claude = Path.of("src/test/resources/skillmeat/project/.claude");
    String tracking = Files.readString(claude.resolve(".skillmeat-deployed.toml"));
    for (String file : List.of("skills/pdf-tools", "commands/review.md", "agents/helper.md")) {
      assertThat(tracking).as(file).contains("\"" + SkillMeatHash.of(claude.resolve(file)) + "\"");
    }
  }

  @Test
  void ofPath_ordersByPathComponents_notByPlainString() throws Exception {
    // beta holds docs/a.md and docs-extra/b.md; a plain string sort would give f1d869bf...
    assertThat(SkillMeatHash.of(VECTORS.resolve("collection/skills/beta")))
        .isEqualTo(WRITTEN.get("beta"))
        .doesNotStartWith("f1d869bf");
  }

  @Test
  void ofPath_matchesSkillMeat_forTheEditedScenarioCopies() throws Exception {
    Path s = VECTORS.resolve("scenario7");
    assertThat(SkillMeatHash.of(s.resolve("project-beta-edited")))
        .isEqualTo("f1f685fd4cd7b07f67ea00d96c8d9c57f76da61737a3fb7c77d1d6eb590e07c0");
    assertThat(SkillMeatHash.of(s.resolve("collection-beta-changed")))
        .isEqualTo("b9d0c53a483bc97c75273e7dbbd6a97ed526244bd0fd07496411ad166ff08d4b");
    assertThat(SkillMeatHash.of(s.resolve("collection-beta-after-sync-pull-merge")))
        .isEqualTo("a8b3736b95132fe495027d3ce7332c9ba7f6e3b3e1008513198daaf394214c75");
  }

  @Test
  void ofPath_concatenatesNamesAndBytesWithoutSeparators() throws Exception {
    Files.writeString(tmp.resolve("SKILL.md"), "a\n");
    Files.createDirectories(tmp.resolve("ref"));
    Files.writeString(tmp.resolve("ref/x.md"), "");

    assertThat(SkillMeatHash.of(tmp))
        .isEqualTo("e40fa5fb0696647cc113a7935d18cf87796e74de727fef7407c3a58b79db3fea")
        .isEqualTo(ArtifactTree.sha256Hex("SKILL.mda\nref/x.md".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ofPath_ofAFile_isTheSha256OfItsBytes() throws Exception {
    Path file = Files.writeString(tmp.resolve("review.md"), "# Review\n");

    assertThat(SkillMeatHash.of(file))
        .isEqualTo(ArtifactTree.sha256Hex("# Review\n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void ofPath_followsFileLinks_andSkipsFolderAndDanglingLinks() throws Exception {
    skillWithLinkToSkillMd();
    Files.createSymbolicLink(tmp.resolve("dirlink"), Path.of("ref"));
    Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("nowhere"));
    Files.createDirectories(tmp.resolve("empty"));

    assertThat(SkillMeatHash.of(tmp))
        .isEqualTo("cfc3847dbc3e6257548e57b0538178977b9b34f50a0c501ab52eb33138cfb3bd");
  }

  @Test
  void ofPath_comparesNamesByCodePoint_notByUtf16Unit() throws Exception {
    Files.writeString(tmp.resolve("\uFFFD"), "x");
    Files.writeString(tmp.resolve("\uD83D\uDE00"), "y");
    Files.writeString(tmp.resolve("a"), "z");

    assertThat(SkillMeatHash.of(tmp))
        .isEqualTo("f58819dbbfd280da22172a6cd7def1972b83399f46cfef152d05e2c39cf0b149");
  }

  @Test
  void ofPath_ofNothing_throws() {
    assertThatThrownBy(() -> SkillMeatHash.of(tmp.resolve("absent")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void ofTree_equalsTheHashOnDisk_forStoredVersions() throws Exception {
    DiskTreeReader reader = new DiskTreeReader(new HashCache());
    for (var e : WRITTEN.entrySet()) {
      ArtifactTree tree =
          reader.read(VECTORS.resolve("collection/skills/" + e.getKey())).orElseThrow();
      assertThat(SkillMeatHash.of(tree)).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(tree.contentHash()).isNotEqualTo(e.getValue());
    }
  }

  @Test
  void ofTree_followsLinksInsideTheVersion_likeTheCopyOnDisk() throws Exception {
    skillWithLinkToSkillMd();
    Files.createSymbolicLink(tmp.resolve("ref/up.md"), Path.of("../link.md"));
    Files.createSymbolicLink(tmp.resolve("dangling"), Path.of("nowhere"));
    ArtifactTree tree = new DiskTreeReader(new HashCache()).read(tmp).orElseThrow();

    assertThat(SkillMeatHash.of(tree)).isEqualTo(SkillMeatHash.of(tmp));
  }

  /** {@code SKILL.md}, {@code ref/x.md} and {@code link.md} pointing at {@code SKILL.md}. */
  private void skillWithLinkToSkillMd() throws Exception {
    Files.writeString(tmp.resolve("SKILL.md"), "a\n");
    Files.createDirectories(tmp.resolve("ref"));
    Files.writeString(tmp.resolve("ref/x.md"), "");
    Files.createSymbolicLink(tmp.resolve("link.md"), Path.of("SKILL.md"));
  }
}
