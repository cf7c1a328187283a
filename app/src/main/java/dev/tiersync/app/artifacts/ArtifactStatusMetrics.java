package dev.tiersync.app.artifacts;

import dev.tiersync.engine.status.SyncStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code tiersync_artifacts{status=...}}: how many artifacts have each overall status,
 * as of the last unfiltered artifacts listing (the UI's main view refreshes it).
 */
@Component
class ArtifactStatusMetrics {
  private final MultiGauge gauge;

  ArtifactStatusMetrics(MeterRegistry registry) {
    this.gauge =
        MultiGauge.builder("tiersync_artifacts")
            .description("Artifacts by overall status, as of the last unfiltered listing")
            .register(registry);
    update(Map.of());
  }

  void update(Map<SyncStatus, Integer> counts) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    Map<SyncStatus, Integer> all = new EnumMap<>(SyncStatus.class);
    for (SyncStatus s : SyncStatus.values()) {
      all.put(s, counts.getOrDefault(s, 0));
    }
    all.forEach((status, n) -> rows.add(MultiGauge.Row.of(Tags.of("status", status.label()), n)));
    gauge.register(rows, true);
  }
}
