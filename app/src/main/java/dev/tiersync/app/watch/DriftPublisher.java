package dev.tiersync.app.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.audit.AuditEntry;
import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.app.jobs.JobEventStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Announces a pass's transitions where people and tools look: the SSE stream (event {@code
 * drift}), the audit log (kind {@code drift}), the log and the metrics.
 */
@Component
class DriftPublisher {
  private static final Logger log = LoggerFactory.getLogger(DriftPublisher.class);

  private final JobEventStream stream;
  private final AuditLog audit;
  private final DriftMetrics metrics;
  private final ObjectMapper json;

  DriftPublisher(JobEventStream stream, AuditLog audit, DriftMetrics metrics, ObjectMapper json) {
    this.stream = stream;
    this.audit = audit;
    this.metrics = metrics;
    this.json = json;
  }

  void publish(WatchState pass, List<DriftEvent> events) {
    for (DriftEvent e : events) {
      log.info(
          "drift: {} {}{} {} -> {}{}",
          e.collection(), e.artifactId(), e.projectPath() == null ? "" : " in " + e.projectPath(),
          e.from(), e.to(), e.action() == null ? "" : " (" + e.action() + ")");
      audit.record(entry(e));
      metrics.transition(e);
      stream.broadcast("drift", e, e.eventId());
    }
    metrics.passed(pass.collection(), pass.counts(), pass.passAt());
  }

  private AuditEntry entry(DriftEvent e) {
    String tier = e.projectPath() == null ? "collection" : "project";
    return new AuditEntry(
        null, "drift", "watch", e.at(), e.at(), e.edge(), null, false, e.collection(),
        e.projectPath(), e.to(), null,
        List.of(new AuditEntry.Change(e.artifactId(), tier, e.to(), null, null)),
        json.valueToTree(e));
  }
}
