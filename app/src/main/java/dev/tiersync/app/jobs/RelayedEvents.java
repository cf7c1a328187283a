package dev.tiersync.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Passes the events other instances relay to this instance's subscribers: a job's status read from
 * the shared store (the relay carries only its id), any other event's data as it came, or, for an
 * event relayed by id only (too large for the relay), as the publishing instance recorded it in the
 * audit log.
 */
@Component
class RelayedEvents {
  private static final Logger log = LoggerFactory.getLogger(RelayedEvents.class);

  private final EventRelay relay;
  private final JobEventStream stream;
  private final JobStore store;
  private final JobViews views;
  private final AuditLog audit;
  private final ObjectMapper json;

  RelayedEvents(
      EventRelay relay, JobEventStream stream, JobStore store, JobViews views, AuditLog audit, ObjectMapper json) {
    this.relay = relay;
    this.stream = stream;
    this.store = store;
    this.views = views;
    this.audit = audit;
    this.json = json;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    relay.start(this::received);
  }

  void received(String name, String id, String data) {
    if (JobEventStream.JOB.equals(name)) {
      store.find(id).ifPresent(r -> stream.broadcastHere(name, views.view(r), id));
      return;
    }
    if (data == null) {
      audit.event(name, id).ifPresent(event -> stream.broadcastHere(name, event, id));
      return;
    }
    try {
      stream.broadcastHere(name, json.readTree(data), id);
    } catch (JsonProcessingException e) {
      log.warn("another instance relayed {} event {} with unreadable data: {}", name, id, e.getOriginalMessage());
    }
  }
}
