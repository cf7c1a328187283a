package dev.tiersync.app.hosts;

import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ProjectSide;
import dev.tiersync.engine.status.EdgeStatus;
import dev.tiersync.engine.sync.SyncEngine;
import dev.tiersync.engine.sync.TierScope;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.workflows.host.HostFleetWorkflow;
import dev.tiersync.workflows.host.HostFleetWorkflowImpl;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * The fleet view's columns of the projects on hosts (docs/agents.md): every host of {@code
 * TIERSYNC_HOSTS} is asked at once, as {@code GET /api/v1/hosts} asks it, for its projects; each
 * online host then reads the collection's artifacts in its projects ({@link HostFleetWorkflow}),
 * and the server computes each cell from what it read ({@code HostedProjects.status}). The answer
 * is kept ({@link HostFleetFiles}); an offline host's columns are its last kept answer, marked
 * offline. No question waits for an offline agent longer than {@code TIERSYNC_HOST_ANSWER_TIMEOUT}.
 */
@Component
public class HostFleet {
  /** Workflow ids of fleet questions start with this; each question gets a fresh id. */
  static final String WORKFLOW_ID_PREFIX = "host-fleet-";

  /** {@code error}: a cell that cannot be judged, as the fleet view labels it. */
  static final String ERROR = "error";

  private final AgentProperties agents;
  private final Hosts hosts;
  private final WorkflowClient client;
  private final SyncEngine engine;
  private final HostFleetFiles kept;
  private final Clock clock;

  HostFleet(
      AgentProperties agents, Hosts hosts, WorkflowClient client, SyncEngine engine,
      HostFleetFiles kept, Clock clock) {
    this.agents = agents;
    this.hosts = hosts;
    this.client = client;
    this.engine = engine;
    this.kept = kept;
    this.clock = clock;
  }

  /** The columns of every host's projects for {@code collection}'s artifacts {@code ids}, hosts in configured order. */
  public List<HostColumn> columns(CollectionLayout collection, List<ArtifactId> ids) {
    List<CompletableFuture<List<HostColumn>>> perHost = new ArrayList<>();
    for (String host : agents.hosts()) {
      perHost.add(hosts.view(host).thenCompose(view -> view.online()
          ? read(host, view.projects(), collection, ids)
          : CompletableFuture.completedFuture(last(host, collection.name(), view.offlineReason()))));
    }
    List<HostColumn> out = new ArrayList<>();
    perHost.forEach(f -> out.addAll(f.join()));
    return out;
  }

  /** Asks the online {@code host} to read its projects, then computes and keeps their cells. */
  private CompletableFuture<List<HostColumn>> read(
      String host, List<String> projects, CollectionLayout collection, List<ArtifactId> ids) {
    if (projects.isEmpty()) {
      kept.keep(host, collection.name(), new HostFleetFiles.Answer(clock.instant(), List.of()));
      return CompletableFuture.completedFuture(List.of());
    }
    HostFleetWorkflow.Question question =
        new HostFleetWorkflow.Question(
            host, (int) agents.answerTimeout().toSeconds(), collection.name(), projects,
            ids.stream().map(ArtifactId::toString).toList());
    Duration bound = HostFleetWorkflowImpl.longestRun(question);
    HostFleetWorkflow workflow =
        client.newWorkflowStub(HostFleetWorkflow.class, HostReports.question(WORKFLOW_ID_PREFIX, host, bound));
    return HostReports.bounded(WorkflowClient.execute(workflow::read, question), bound)
        .handle((reads, failure) -> {
          if (failure != null) {
            return last(host, collection.name(), HostReports.why(host, failure));
          }
          HostFleetFiles.Answer answer = new HostFleetFiles.Answer(clock.instant(), cells(collection, reads));
          kept.keep(host, collection.name(), answer);
          return columns(host, answer, true, null);
        });
  }

  private List<HostFleetFiles.Project> cells(CollectionLayout collection, List<HostFleetWorkflow.ProjectRead> reads) {
    TierScope scope = new TierScope(collection, null);
    List<HostFleetFiles.Project> out = new ArrayList<>();
    for (HostFleetWorkflow.ProjectRead read : reads) {
      Map<String, HostColumn.Cell> cells = new LinkedHashMap<>();
      if (read.error() == null) {
        for (ProjectSide side : read.sides()) {
          cells.put(side.artifactId(), cell(scope, side));
        }
      }
      out.add(new HostFleetFiles.Project(read.project(), read.error(), cells));
    }
    return out;
  }

  private HostColumn.Cell cell(TierScope scope, ProjectSide side) {
    if (side.error() != null) {
      return new HostColumn.Cell(ERROR, side.error());
    }
    try {
      EdgeStatus edge = engine.hosted().status(scope, ArtifactId.parse(side.artifactId()), side);
      return edge == null ? new HostColumn.Cell(null, null) : new HostColumn.Cell(edge.status().label(), edge.reason());
    } catch (IOException | RuntimeException e) {
      // A bad entry, a side in error, a version the agent did not upload: this cell's error only.
      return new HostColumn.Cell(ERROR, e.getMessage());
    }
  }

  private List<HostColumn> last(String host, String collection, String reason) {
    return kept.last(host, collection)
        .map(answer -> columns(host, answer, false, reason))
        .orElse(List.of());
  }

  private static List<HostColumn> columns(String host, HostFleetFiles.Answer answer, boolean online, String reason) {
    return answer.projects().stream()
        .map(p -> new HostColumn(host, p.path(), online, answer.answeredAt(), reason, p.error(), p.cells()))
        .toList();
  }
}
