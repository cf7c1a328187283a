package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tiersync.app.audit.AuditEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What this instance's subscribers get for the events other instances relay. */
class RelayedEventsTest {
  @TempDir Path dir;
  private JobServicesFixture fixture;
  private final List<String> sent = new ArrayList<>();
  private RelayedEvents relayed;

  @BeforeEach
  void setUp() {
    fixture = new JobServicesFixture(dir);
    JobEventStream stream =
        new JobEventStream() {
          @Override
          void broadcastHere(String name, Object data, String id) {
            sent.add(name + " " + id + " " + fixture.json.valueToTree(data));
          }
        };
    relayed = new RelayedEvents(EventRelay.NONE, stream, fixture.store, fixture.views, fixture.audit, fixture.json);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void aJobsEvent_carriesItsStatusFromTheSharedStore() {
    fixture.store.insert(JsonlJobStoreTest.job("job-1", "running", Instant.EPOCH));

    relayed.received("job", "job-1", null);
    relayed.received("job", "job-gone", null);

    assertThat(sent).singleElement().asString().startsWith("job job-1 ").contains("\"state\":\"running\"");
  }

  @Test
  void aDriftEvent_carriesItsData_orWhenRelayedByIdAlone_theEventFromTheAuditLog() {
    relayed.received("drift", "d-1", "{\"event_id\":\"d-1\",\"to\":\"outdated\"}");
    JsonNode large = fixture.json.createObjectNode().put("event_id", "d-2").put("to", "modified");
    fixture.audit.record(
        new AuditEntry(
            null, "drift", "watch", Instant.EPOCH, Instant.EPOCH, "upstream_to_collection", null, false,
            "default", null, "modified", null, List.of(), large));

    relayed.received("drift", "d-2", null);
    relayed.received("drift", "d-unknown", null);

    assertThat(sent)
        .containsExactly(
            "drift d-1 {\"event_id\":\"d-1\",\"to\":\"outdated\"}",
            "drift d-2 {\"event_id\":\"d-2\",\"to\":\"modified\"}");
  }
}
