package dev.tiersync.bench.engine;

import dev.tiersync.engine.fleet.FleetMatrix;
import dev.tiersync.engine.fleet.FleetReader;
import dev.tiersync.engine.status.StatusCalculator;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fleet matrix of 1,000 artifacts (listed in collection.toml, five files each) against 10
 * projects, read as {@code GET /api/v1/fleet} does: one {@link FleetReader#read} with the app's
 * long-lived engine (warm hash cache). Every project was deployed by the engine (the first one
 * artifact by artifact, the others copied from it, tracking files included); then 10% of the
 * artifacts were edited in the collection and, in each project, another 10% (a different tenth per
 * project).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FleetBenchmark {
  static final int ARTIFACTS = 1000;
  static final int PROJECTS = 10;

  private FleetFixture fleet;
  private FleetReader warmReader;

  @Setup
  public void setUp() throws IOException {
    fleet = FleetFixture.create(Fixtures.tempDir("tiersync-bench-fleet"), ARTIFACTS, PROJECTS, false);
    fleet.editSome(ARTIFACTS);
    warmReader = new FleetReader(fleet.engine, new StatusCalculator());
    warm();
  }

  @TearDown
  public void tearDown() throws IOException {
    fleet.close();
    Fixtures.deleteTree(fleet.root());
  }

  @Benchmark
  public FleetMatrix warm() throws IOException {
    FleetMatrix m = warmReader.read(fleet.collection, fleet.projects);
    if (m.rows().size() != ARTIFACTS || m.projects().size() != PROJECTS) {
      throw new IllegalStateException("expected " + ARTIFACTS + " × " + PROJECTS + ", saw " + m.rows().size());
    }
    return m;
  }
}
