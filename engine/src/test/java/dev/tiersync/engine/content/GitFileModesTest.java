package dev.tiersync.engine.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitFileModesTest {
  @Test
  void toGitAndBack_roundTripsEveryMode() {
    for (FileMode mode : FileMode.values()) {
      assertThat(GitFileModes.fromGit(GitFileModes.toGit(mode))).contains(mode);
    }
  }

  @Test
  void toGit_usesGitsModesForRegularExecutableAndSymlink() {
    assertThat(GitFileModes.toGit(FileMode.REGULAR))
        .isSameAs(org.eclipse.jgit.lib.FileMode.REGULAR_FILE);
    assertThat(GitFileModes.toGit(FileMode.EXECUTABLE))
        .isSameAs(org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE);
    assertThat(GitFileModes.toGit(FileMode.SYMLINK))
        .isSameAs(org.eclipse.jgit.lib.FileMode.SYMLINK);
  }

  @Test
  void fromGit_treesAndSubmodules_areNoFiles() {
    assertThat(GitFileModes.fromGit(org.eclipse.jgit.lib.FileMode.TREE)).isEmpty();
    assertThat(GitFileModes.fromGit(org.eclipse.jgit.lib.FileMode.GITLINK)).isEmpty();
    assertThat(GitFileModes.fromGit(org.eclipse.jgit.lib.FileMode.MISSING)).isEmpty();
  }

  @Test
  void octal_isHowGitSpellsTheMode() {
    assertThat(GitFileModes.octal(FileMode.REGULAR)).isEqualTo("100644");
    assertThat(GitFileModes.octal(FileMode.EXECUTABLE)).isEqualTo("100755");
    assertThat(GitFileModes.octal(FileMode.SYMLINK)).isEqualTo("120000");
  }
}
