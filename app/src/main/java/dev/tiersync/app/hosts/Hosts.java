package dev.tiersync.app.hosts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.workflows.TaskQueues;
import dev.tiersync.workflows.host.HostWorkflow;
import io.grpc.StatusRuntimeException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The configured hosts and whether each one's agent is there. A host whose agent has not polled
 * its queue within {@code TIERSYNC_HOST_OFFLINE_AFTER} is offline without being asked; every other
 * host is asked for its report, and is online exactly when it answers, so an agent killed a moment
 * ago shows offline at the next look (after the answer timeout), not a minute later.
 */
@Component
class Hosts {
  /**
   * Why a host is offline when the server runs the embedded Temporal server: no agent process can
   * reach it (only a worker inside the server's own process, as tests register, can answer).
   */
  static final String EMBEDDED =
      "the server runs Temporal's embedded test server, which no agent can reach: give the server and its agents"
          + " the same TEMPORAL_ADDRESS";

  private final AgentProperties agents;
  private final HostPollers pollers;
  private final HostReports reports;
  private final Clock clock;
  private final boolean embedded;

  Hosts(
      AgentProperties agents,
      HostPollers pollers,
      HostReports reports,
      Clock clock,
      ObjectProvider<TestWorkflowEnvironment> embeddedServer) {
    this.agents = agents;
    this.pollers = pollers;
    this.reports = reports;
    this.clock = clock;
    // The Temporal starter creates this bean only when it runs the embedded server.
    this.embedded = embeddedServer.getIfAvailable() != null;
  }

  /** Every configured host, those that polled lately asked at once, side by side. */
  HostsView all() {
    List<CompletableFuture<HostView>> views = new ArrayList<>();
    for (String host : agents.hosts()) {
      views.add(view(host));
    }
    return new HostsView(views.stream().map(CompletableFuture::join).toList(), agents.offlineAfter().toSeconds());
  }

  /**
   * The projects of {@code host}, asked from its agent whatever its last poll.
   *
   * @throws ApiException 404 for a host that is not configured, 503 when its agent does not answer
   */
  HostReports.Answer ask(String host) {
    if (!agents.hosts().contains(host)) {
      throw ApiException.notFound(
          "host '%s' is not one of TIERSYNC_HOSTS (%s)".formatted(host, String.join(", ", agents.hosts())));
    }
    HostReports.Answer answer = reports.ask(host).join();
    if (answer.report() == null) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, null, embedded ? EMBEDDED : answer.unanswered());
    }
    return answer;
  }

  /** One host: offline without asking when it has not polled lately, else as it answers. */
  CompletableFuture<HostView> view(String host) {
    if (embedded) {
      // Temporal's test server remembers no pollers; only a worker in this process can answer.
      return reports.ask(host).thenApply(answer -> answer.report() == null
          ? offline(host, null, EMBEDDED)
          : online(host, null, answer.report()));
    }
    Optional<Instant> lastSeen;
    try {
      lastSeen = pollers.lastPoll(host);
    } catch (StatusRuntimeException e) {
      return CompletableFuture.completedFuture(
          offline(host, null, "Temporal could not say who polls task queue '%s': %s".formatted(TaskQueues.host(host), e.getStatus())));
    }
    Instant since = clock.instant().minus(agents.offlineAfter());
    if (lastSeen.isEmpty() || lastSeen.get().isBefore(since)) {
      return CompletableFuture.completedFuture(offline(host, lastSeen.orElse(null), silent(host, lastSeen)));
    }
    return reports.ask(host).thenApply(answer -> answer.report() == null
        ? offline(host, lastSeen.get(), answer.unanswered())
        : online(host, lastSeen.get(), answer.report()));
  }

  private static HostView online(String host, Instant lastSeen, HostWorkflow.Report report) {
    return new HostView(
        host, TaskQueues.host(host), true, lastSeen, report.agent().version(),
        report.agent().projectRoots(), report.projects(), null);
  }

  private String silent(String host, Optional<Instant> lastSeen) {
    Duration window = agents.offlineAfter();
    return lastSeen
        .map(seen -> "host '%s' is offline: its agent last polled task queue '%s' at %s, more than %d s ago"
            .formatted(host, TaskQueues.host(host), seen, window.toSeconds()))
        .orElse("host '%s' is offline: no agent has polled task queue '%s' in the last %d s"
            .formatted(host, TaskQueues.host(host), window.toSeconds()));
  }

  private static HostView offline(String host, Instant lastSeen, String reason) {
    return new HostView(host, TaskQueues.host(host), false, lastSeen, null, null, null, reason);
  }
}
