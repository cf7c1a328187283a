package dev.tiersync.app.watch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The watch's Prometheus series: {@code tiersync_fleet_cells{collection,edge,status}} (cells per
 * status as of each collection's last pass), {@code
 * tiersync_drift_transitions_total{collection,edge,to}} and {@code
 * tiersync_watch_last_pass_seconds{collection}}.
 */
@Component
class DriftMetrics {
  private final MeterRegistry registry;
  private final MultiGauge cells;
  private final Map<String, Map<String, Map<String, Integer>>> countsByCollection =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastPass = new ConcurrentHashMap<>();

  DriftMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.cells =
        MultiGauge.builder("tiersync_fleet_cells")
            .description("Fleet cells (artifact x project, per edge) by status, as of the last watch pass")
            .register(registry);
  }

  /** Records a pass of {@code collection}: its cell counts and its end. */
  synchronized void passed(String collection, Map<String, Map<String, Integer>> counts, Instant at) {
    countsByCollection.put(collection, counts);
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    countsByCollection.forEach(
        (c, byEdge) ->
            byEdge.forEach(
                (edge, byStatus) ->
                    byStatus.forEach(
                        (status, n) ->
                            rows.add(
                                MultiGauge.Row.of(
                                    Tags.of("collection", c, "edge", edge, "status", status), n)))));
    cells.register(rows, true);
    lastPass
        .computeIfAbsent(
            collection,
            c -> {
              AtomicLong seconds = new AtomicLong();
              registry.gauge(
                  "tiersync_watch_last_pass_seconds", Tags.of("collection", c), seconds, AtomicLong::get);
              return seconds;
            })
        .set(at.getEpochSecond());
  }

  void transition(DriftEvent event) {
    Counter.builder("tiersync_drift_transitions_total")
        .description("Status transitions the drift watch saw")
        .tags("collection", event.collection(), "edge", event.edge(), "to", String.valueOf(event.to()))
        .register(registry)
        .increment();
  }
}
