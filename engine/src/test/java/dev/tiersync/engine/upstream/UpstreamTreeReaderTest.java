package dev.tiersync.engine.upstream;

import static dev.tiersync.engine.upstream.UpstreamParts.SKILL;
import static dev.tiersync.engine.upstream.UpstreamParts.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.engine.content.ArtifactTree;
import dev.tiersync.engine.content.DiskTreeReader;
import dev.tiersync.engine.content.FileEntry;
import dev.tiersync.engine.content.FileMode;
import dev.tiersync.engine.content.GitBlobLoader;
import dev.tiersync.engine.content.HashCache;
import dev.tiersync.engine.testing.UpstreamRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UpstreamTreeReaderTest {
  @RegisterExtension final UpstreamParts parts = new UpstreamParts();
  private final UpstreamRepo upstream = parts.upstream;
  private final UpstreamTreeReader trees = parts.trees;

  @Test
  void readArtifact_folder_hasModesSymlinksDigestsAndLazyBytes() throws Exception {
    Files.createDirectories(upstream.workDir().resolve(SKILL + "/scripts"));
    Files.writeString(
        upstream.workDir().resolve(SKILL + "/scripts/run.sh"), "#!/bin/sh\necho hi\n");
    upstream.makeExecutable(SKILL + "/scripts/run.sh");
    upstream.symlink(SKILL + "/link.md", "SKILL.md");
    RevCommit c =
        upstream.commit(
            "skill",
            files(
                SKILL + "/SKILL.md",
                "a\n",
                SKILL + "/__pycache__/x.pyc",
                "junk",
                SKILL + "/notes.md~",
                "backup",
                "other/file.md",
                "elsewhere\n"));

    ArtifactTree tree = trees.read(upstream.url(), c.name(), SKILL, null).orElseThrow();

    assertThat(tree.isSingleFile()).isFalse();
    assertThat(tree.files()).containsOnlyKeys("SKILL.md", "link.md", "scripts/run.sh");
    assertThat(tree.file("scripts/run.sh").mode()).isEqualTo(FileMode.EXECUTABLE);
    assertThat(tree.file("SKILL.md").mode()).isEqualTo(FileMode.REGULAR);
    FileEntry link = tree.file("link.md");
    assertThat(link.mode()).isEqualTo(FileMode.SYMLINK);
    assertThat(new String(link.readAll(), StandardCharsets.UTF_8)).isEqualTo("SKILL.md");
    assertThat(link.sha256())
        .isEqualTo(ArtifactTree.sha256Hex("SKILL.md".getBytes(StandardCharsets.UTF_8)));
    FileEntry skill = tree.file("SKILL.md");
    assertThat(skill.size()).isEqualTo(2);
    assertThat(skill.sha256())
        .isEqualTo(ArtifactTree.sha256Hex("a\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(skill.readAll()).isEqualTo("a\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readArtifact_entriesNameTheirBlobs_andLoadTheSameBytesInAndOutOfSessions()
      throws Exception {
    // Similar files, so that the mirror's pack stores most of them as deltas of another.
    Map<String, String> contents = new LinkedHashMap<>();
    for (int i = 0; i < 6; i++) {
      contents.put(SKILL + "/f" + i + ".md", "a shared line\n".repeat(400) + "file " + i + "\n");
    }
    RevCommit c = upstream.commit("similar files", contents);

    ArtifactTree tree = trees.read(upstream.url(), c.name(), SKILL, null).orElseThrow();

    ObjectInserter.Formatter git = new ObjectInserter.Formatter();
    Map<String, byte[]> expected = new LinkedHashMap<>();
    for (FileEntry e : tree.files().values()) {
      byte[] bytes = contents.get(SKILL + "/" + e.path()).getBytes(StandardCharsets.UTF_8);
      expected.put(e.path(), bytes);
      assertThat(e.loader()).isInstanceOf(GitBlobLoader.class);
      assertThat(((GitBlobLoader) e.loader()).gitBlobId())
          .isEqualTo(git.idFor(Constants.OBJ_BLOB, bytes).name());
    }
    assertThat(expected).hasSize(6);
    try (BlobReadSession outer = BlobReadSession.open()) {
      for (FileEntry e : tree.files().values()) {
        assertThat(e.readAll()).isEqualTo(expected.get(e.path()));
        try (BlobReadSession inner = BlobReadSession.open()) {
          assertThat(e.readAll()).isEqualTo(expected.get(e.path()));
        }
        assertThat(e.readAll()).isEqualTo(expected.get(e.path()));
      }
    }
    for (FileEntry e : tree.files().values()) {
      assertThat(e.readAll()).isEqualTo(expected.get(e.path()));
    }
  }

  @Test
  void readArtifact_contentHash_equalsDiskHashOfTheSameFiles() throws Exception {
    RevCommit c = parts.commitSkill();

    ArtifactTree fromGit = trees.read(upstream.url(), c.name(), SKILL, null).orElseThrow();
    ArtifactTree fromDisk =
        new DiskTreeReader(new HashCache()).read(upstream.workDir().resolve(SKILL)).orElseThrow();

    // SPEC section 2's worked example: SKILL.md = "a\n", ref/x.md empty.
    String expected =
        ArtifactTree.sha256Hex(
            ("SKILL.md\0"
                    + ArtifactTree.sha256Hex("a\n".getBytes(StandardCharsets.UTF_8))
                    + "\n"
                    + "ref/x.md\0"
                    + ArtifactTree.sha256Hex(new byte[0])
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(fromGit.contentHash()).isEqualTo(fromDisk.contentHash()).isEqualTo(expected);
  }

  @Test
  void readArtifact_singleFile_returnsSingleFileTreeNamedAfterTheFile() throws Exception {
    RevCommit c = upstream.commit("cmd", files("commands/review.md", "review it\n"));

    ArtifactTree tree =
        trees.read(upstream.url(), c.name(), "commands/review.md", null).orElseThrow();

    assertThat(tree.isSingleFile()).isTrue();
    assertThat(tree.files()).containsOnlyKeys("review.md");
    assertThat(tree.file("review.md").readAll())
        .isEqualTo("review it\n".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readArtifact_missingPath_isEmpty() throws Exception {
    RevCommit c = parts.commitSkill();

    assertThat(trees.read(upstream.url(), c.name(), "skills/absent", null)).isEmpty();
    assertThat(trees.treeId(upstream.url(), c.name(), "skills/absent")).isEmpty();
  }

  @Test
  void readArtifact_emptyPathAndDotSegments_areNormalised() throws Exception {
    RevCommit c = parts.commitSkill();

    ArtifactTree root = trees.read(upstream.url(), c.name(), "", null).orElseThrow();
    ArtifactTree skill =
        trees.read(upstream.url(), c.name(), "./skills//pdf-tools/", null).orElseThrow();

    assertThat(root.files()).containsKeys("README.md", SKILL + "/SKILL.md");
    assertThat(skill.contentHash())
        .isEqualTo(trees.read(upstream.url(), c.name(), SKILL, null).orElseThrow().contentHash());
  }

  @Test
  void readArtifact_unsafePath_throwsRefNotFound() throws Exception {
    RevCommit c = parts.commitSkill();

    assertThatThrownBy(() -> trees.read(upstream.url(), c.name(), "skills/../../etc", null))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("..");
    assertThatThrownBy(() -> trees.read(upstream.url(), c.name(), "/etc/passwd", null))
        .isInstanceOf(UpstreamRefNotFoundException.class);
    assertThatThrownBy(() -> trees.treeId(upstream.url(), c.name(), ".."))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void readArtifact_unknownCommit_throwsRefNotFound() throws Exception {
    parts.commitSkill();

    assertThatThrownBy(
            () ->
                trees.read(upstream.url(), "0123456789abcdef0123456789abcdef01234567", SKILL, null))
        .isInstanceOf(UpstreamRefNotFoundException.class)
        .hasMessageContaining("0123456789abcdef0123456789abcdef01234567");
    assertThatThrownBy(() -> trees.read(upstream.url(), "main~1", SKILL, null))
        .isInstanceOf(UpstreamRefNotFoundException.class);
  }

  @Test
  void readArtifact_commitThatOnlyTouchesAnotherPath_leavesTreeIdAndContentHashUnchanged()
      throws Exception {
    RevCommit before = parts.commitSkill();
    RevCommit after =
        upstream.commit("unrelated", files("README.md", "changed\n", "other/new.md", "x"));

    assertThat(trees.treeId(upstream.url(), after.name(), SKILL))
        .isEqualTo(trees.treeId(upstream.url(), before.name(), SKILL))
        .isPresent();
    assertThat(trees.read(upstream.url(), after.name(), SKILL, null).orElseThrow().contentHash())
        .isEqualTo(
            trees.read(upstream.url(), before.name(), SKILL, null).orElseThrow().contentHash());
    assertThat(trees.treeId(upstream.url(), after.name(), ""))
        .isNotEqualTo(trees.treeId(upstream.url(), before.name(), ""));

    RevCommit touching = upstream.commit("edit skill", files(SKILL + "/SKILL.md", "b\n"));
    assertThat(trees.treeId(upstream.url(), touching.name(), SKILL))
        .isNotEqualTo(trees.treeId(upstream.url(), after.name(), SKILL));
  }

  @Test
  void readArtifact_commitNotYetFetched_fetchesOnce() throws Exception {
    parts.commitSkill();
    parts.fetch(upstream.url(), null);
    RevCommit newer = upstream.commit("newer", files(SKILL + "/SKILL.md", "new\n"));

    ArtifactTree tree = trees.read(upstream.url(), newer.name(), SKILL, null).orElseThrow();

    assertThat(tree.file("SKILL.md").readAll()).isEqualTo("new\n".getBytes(StandardCharsets.UTF_8));
  }
}
