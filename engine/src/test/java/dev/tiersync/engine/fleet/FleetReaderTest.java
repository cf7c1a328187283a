package dev.tiersync.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.status.StatusCalculator;
import dev.tiersync.engine.status.SyncStatus;
import dev.tiersync.engine.sync.ArtifactSnapshot;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.testing.ManifestEntry;
import dev.tiersync.engine.testing.ProjectFolder;
import dev.tiersync.engine.testing.Tiers;
import dev.tiersync.engine.tier.ProjectLayout;
import dev.tiersync.engine.upstream.FetchPolicy;
import dev.tiersync.engine.upstream.FetchProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet matrix on real folders and a real upstream: every cell is what {@link
 * SyncEngine#snapshot} says for its project, on a fixture that holds every status, an artifact
 * neither tier has, a bad tracking entry and a tracking file that is not TOML.
 */
class FleetReaderTest {
  private static final String TEXT = "a\nb\nc\nd\ne\n";
  private static final ArtifactId SYNCED = id("synced");
  private static final ArtifactId OUTDATED = id("outdated");
  private static final ArtifactId EDITED = id("edited");
  private static final ArtifactId BOTH = id("both");
  private static final ArtifactId MARKERS = id("markers");
  private static final ArtifactId FRESH = id("fresh");
  private static final ArtifactId GONE = id("gone");
  private static final ArtifactId LOOSE = id("loose");
  private static final ArtifactId UP = id("up");

  @TempDir Path tmp;
  private Tiers tiers;
  private SyncEngine engine;
  private ProjectFolder a;
  private ProjectFolder b;
  private ProjectFolder c;
  private ProjectFolder broken;

  @BeforeEach
  void setUp() throws Exception {
    tiers = Tiers.create(tmp);
    engine = tiers.engine().syncEngine();
    a = tiers.project("a");
    b = tiers.project("b");
    c = tiers.project("c");
    broken = tiers.project("broken");
    tiers.addUpstreamSkill("up", TEXT);
    sync(null, UP, Direction.UPSTREAM_TO_COLLECTION);
    for (ArtifactId id : List.of(SYNCED, OUTDATED, EDITED, BOTH, MARKERS, FRESH, GONE, LOOSE)) {
      tiers.collection().list(ManifestEntry.local(id.toString()));
      tiers.collection().write(id, "SKILL.md", TEXT);
    }
    for (ProjectFolder p : List.of(a, b, c)) {
      for (ArtifactId id : List.of(SYNCED, OUTDATED, EDITED, BOTH, MARKERS, GONE, UP)) {
        sync(p, id, Direction.COLLECTION_TO_PROJECT);
      }
    }
    tiers.upstream().commit("upstream edit", Map.of("skills/up/SKILL.md", "A\nb\nc\nd\ne\n"));
    tiers.collection().write(OUTDATED, "SKILL.md", "a\nb\nc\nd\nE\n");
    a.write(EDITED, "SKILL.md", "a\nb\nc\nd\nP\n");
    tiers.collection().write(BOTH, "SKILL.md", "C\nb\nc\nd\ne\n");
    a.write(BOTH, "SKILL.md", "a\nb\nc\nd\nP\n");
    b.write(BOTH, "SKILL.md", "X\nb\nc\nd\ne\n");
    c.write(MARKERS, "SKILL.md", "<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n");
    delete(tiers.collection().artifact(GONE));
    delete(b.artifact(GONE));
    a.write(LOOSE, "SKILL.md", "not from the collection\n");
    b.write(LOOSE, "SKILL.md", TEXT);
    Files.writeString(
        c.trackingFile(),
        "\n[[deployed]]\nartifact_name = \"synced\"\nartifact_type = \"skill\"\n"
            + "from_collection = \"default\"\ndeployed_at = \"2026-11-23T23:14:24\"\n"
            + "artifact_path = \"../../outside\"\ncontent_hash = \"h\"\n",
        StandardOpenOption.APPEND);
    broken.write(SYNCED, "SKILL.md", TEXT);
    Files.writeString(broken.trackingFile(), "[[deployed]]\nartifact_name = \"synced\"\n[[deployed\n");
  }

  @AfterEach
  void tearDown() {
    tiers.close();
  }

  @Test
  void everyCell_isWhatTheSnapshotOfItsProjectSays() throws Exception {
    FleetMatrix matrix = read();

    Set<SyncStatus> seen = EnumSet.noneOf(SyncStatus.class);
    for (FleetRow row : matrix.rows()) {
      for (int i = 0; i < 3; i++) {
        FleetCell cell = row.cells().get(i);
        if (cell.error() != null) {
          continue;
        }
        ArtifactSnapshot s = snapshot(matrix.projects().get(i), row.id());
        EdgeStatus expected =
            s.collection() == null && s.project() == null ? null : s.collectionToProject();
        assertThat(cell.collectionToProject()).as(row.id() + " in " + cell.project()).isEqualTo(expected);
        if (expected != null) {
          seen.add(expected.status());
        }
        assertThat(row.upstreamToCollection()).as(row.id().toString()).isEqualTo(s.upstreamToCollection());
      }
    }
    assertThat(seen).as("the fixture holds every status").containsExactlyInAnyOrder(SyncStatus.values());
  }

  @Test
  void statuses_followEachProjectsCopy() throws Exception {
    Map<ArtifactId, List<SyncStatus>> table = table(read());

    assertThat(table.get(SYNCED)).containsExactly(SyncStatus.SYNCED, SyncStatus.SYNCED, null);
    assertThat(table.get(OUTDATED)).containsOnly(SyncStatus.OUTDATED);
    assertThat(table.get(EDITED)).containsExactly(SyncStatus.MODIFIED, SyncStatus.SYNCED, SyncStatus.SYNCED);
    assertThat(table.get(BOTH)).containsExactly(SyncStatus.DIVERGED, SyncStatus.CONFLICT, SyncStatus.OUTDATED);
    assertThat(table.get(MARKERS)).containsExactly(SyncStatus.SYNCED, SyncStatus.SYNCED, SyncStatus.CONFLICT);
    assertThat(table.get(FRESH)).containsOnly(SyncStatus.MISSING);
    assertThat(table.get(GONE)).as("b has no copy left: neither tier has it")
        .containsExactly(SyncStatus.REMOVED, null, SyncStatus.REMOVED);
    assertThat(table.get(LOOSE)).as("no tracking entry: no base")
        .containsExactly(SyncStatus.CONFLICT, SyncStatus.SYNCED, SyncStatus.MISSING);
    assertThat(table.get(UP)).containsOnly(SyncStatus.SYNCED);
  }

  @Test
  void badTrackingEntryOrFile_isThatCellsError_only() throws Exception {
    FleetMatrix matrix = read();

    for (FleetRow row : matrix.rows()) {
      assertThat(row.cells().get(3).error()).as("the tracking file that is not TOML").isNotNull();
      assertThat(row.cells().get(2).error() != null).as(row.id() + " in c").isEqualTo(row.id().equals(SYNCED));
      assertThat(row.cells().get(0).error()).isNull();
    }
    FleetRow synced = row(matrix, SYNCED);
    assertThat(synced.cells().get(2).error()).contains("artifact_path");
    assertThat(synced.cells().get(3).error()).contains(".skillmeat-deployed.toml");
  }

  @Test
  void upstreamEdge_isReadFromTheMirror_neverFetching() throws Exception {
    assertThat(row(read(), UP).upstreamToCollection().status())
        .as("the mirror has not seen the new commit yet")
        .isEqualTo(SyncStatus.SYNCED);

    tiers.engine().upstreams().fetch(tiers.upstream().url(), null);
    FleetRow up = row(read(), UP);

    assertThat(up.upstreamToCollection().status()).isEqualTo(SyncStatus.OUTDATED);
    assertThat(up.upstream().head().commitSha()).isEqualTo(tiers.upstream().head().getName());
    assertThat(row(read(), SYNCED).upstreamToCollection()).isNull();
  }

  private FleetMatrix read() throws Exception {
    List<ProjectLayout> projects =
        List.of(a.layout(), b.layout(), c.layout(), broken.layout());
    return new FleetReader(engine, new StatusCalculator()).read(tiers.collection().layout(), projects);
  }

  private static Map<ArtifactId, List<SyncStatus>> table(FleetMatrix matrix) {
    Map<ArtifactId, List<SyncStatus>> out = new HashMap<>();
    for (FleetRow row : matrix.rows()) {
      List<SyncStatus> statuses = new ArrayList<>();
      for (FleetCell cell : row.cells().subList(0, 3)) {
        statuses.add(cell.collectionToProject() == null ? null : cell.collectionToProject().status());
      }
      out.put(row.id(), statuses);
    }
    return out;
  }

  private static FleetRow row(FleetMatrix matrix, ArtifactId id) {
    return matrix.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }

  private ArtifactSnapshot snapshot(Path project, ArtifactId id) throws Exception {
    TierScope scope = new TierScope(tiers.collection().layout(), new ProjectLayout(project));
    return engine.snapshot(scope, id, FetchPolicy.IF_MISSING);
  }

  private void sync(ProjectFolder project, ArtifactId id, Direction direction) throws Exception {
    TierScope scope =
        new TierScope(tiers.collection().layout(), project == null ? null : project.layout());
    engine.apply(
        scope,
        direction,
        engine.plan(scope, id, direction, MergeStrategy.AUTO, FetchPolicy.IF_MISSING, FetchProgress.NONE));
  }

  private static void delete(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static ArtifactId id(String name) {
    return ArtifactId.parse("skill:" + name);
  }
}
