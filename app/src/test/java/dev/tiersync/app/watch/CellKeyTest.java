package dev.tiersync.app.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellKeyTest {
  @Test
  void keysOfEveryEdge_parseBackToTheirArtifactAndProject() {
    for (CellKey key :
        new CellKey[] {
          new CellKey("skill:pdf", null),
          new CellKey("skill:pdf", "/home/me/app"),
          new CellKey("skill:pdf", "ann:/home/ann/code/web"),
          new CellKey("agent:a b:c", "bob-laptop.local:C:\\work\\api"),
        }) {
      assertThat(CellKey.parse(key.toString())).isEqualTo(key);
    }
    assertThat(new CellKey("skill:pdf", "/home/me/app").toString())
        .as("the key of a server's project is as before: watch states on disk stay readable")
        .isEqualTo("skill:pdf/home/me/app");
    assertThat(CellKey.parse("skill:pdf\\ann:/w").edge()).isEqualTo(DriftEvent.PROJECT_EDGE);
  }
}
