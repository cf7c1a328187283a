package dev.tiersync.app.watch;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.workflows.client.WorkflowStatuses;
import dev.tiersync.workflows.watch.WatchStatus;
import dev.tiersync.workflows.watch.WatchWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/watch}: each collection's drift watch, and a pass on demand. */
@RestController
@RequestMapping("/api/v1/watch")
class WatchController {
  private final WorkflowClient client;
  private final CollectionsRoot collections;
  private final WatchProperties properties;
  private final WatchFiles files;
  private final WatchStarter starter;

  WatchController(
      WorkflowClient client,
      TiersyncProperties tiersync,
      WatchProperties properties,
      WatchFiles files,
      WatchStarter starter) {
    this.client = client;
    this.collections = new CollectionsRoot(tiersync.collections());
    this.properties = properties;
    this.files = files;
    this.starter = starter;
  }

  @GetMapping
  WatchView list() throws IOException {
    List<WatchView.Item> items = new ArrayList<>();
    for (String name : collections.names()) {
      boolean running =
          WorkflowStatuses.of(client, WatchWorkflow.workflowId(name))
              .filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
              .isPresent();
      String state = !properties.enabled() ? "off" : running ? "running" : "not_started";
      String lastError = running ? lastError(name) : null;
      items.add(
          files
              .state(name)
              .map(
                  s ->
                      new WatchView.Item(
                          name, state, s.passAt(),
                          running ? s.passAt().plus(properties.interval()) : null,
                          s.passMs(), lastError, s.cells().size(), s.transitions()))
              .orElse(new WatchView.Item(name, state, null, null, null, lastError, null, null)));
    }
    return new WatchView(properties.interval().toSeconds(), items);
  }

  /** Asks the collection's watch for a pass now (starting it if it does not run). */
  @PostMapping("/{collection}/run")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> run(@PathVariable String collection) {
    CollectionLayout layout;
    try {
      layout = collections.collection(collection);
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest("collection", e.getMessage());
    }
    if (!Files.isRegularFile(layout.manifestFile())) {
      throw ApiException.notFound("collection '" + collection + "' does not exist");
    }
    if (!properties.enabled()) {
      throw ApiException.conflict(
          null, "the drift watch is off (SYNC_WATCH_INTERVAL=0): no pass can be asked for");
    }
    if (!starter.ensure(collection)) {
      starter.passNow(collection);
    }
    return Map.of("collection", collection, "state", "running");
  }

  private String lastError(String collection) {
    WatchStatus status =
        client.newWorkflowStub(WatchWorkflow.class, WatchWorkflow.workflowId(collection)).status();
    return status.lastError();
  }
}
