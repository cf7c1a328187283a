package dev.tiersync.app.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Host agents ({@code tiersync agent}, docs/agents.md): the agent's own host id, and the server's
 * list of hosts with how it judges them online. Bound from {@code application.yml}.
 *
 * @param hostId the host an agent serves, naming its task queue {@code tiersync-host-<id>}; blank
 *     means the host name; {@code TIERSYNC_HOST_ID}
 * @param hosts the hosts the server knows (it cannot list task queues, so they are configured);
 *     {@code TIERSYNC_HOSTS}
 * @param offlineAfter a host whose agent has not polled its queue for this long is offline without
 *     being asked; {@code TIERSYNC_HOST_OFFLINE_AFTER}
 * @param answerTimeout how long a request to an agent waits for it to pick the request up; {@code
 *     TIERSYNC_HOST_ANSWER_TIMEOUT}
 */
@ConfigurationProperties("tiersync.agents")
public record AgentProperties(String hostId, List<String> hosts, Duration offlineAfter, Duration answerTimeout) {

  public AgentProperties {
    hostId =
        MachineId.check(
            hostId == null || hostId.isBlank() ? HostName.local() : hostId.strip(),
            "tiersync.agents.host-id (TIERSYNC_HOST_ID, default: the host name)");
    hosts = hosts == null ? List.of() : hosts.stream().map(String::strip).filter(h -> !h.isEmpty()).toList();
    Set<String> seen = new HashSet<>();
    for (String host : hosts) {
      MachineId.check(host, "each host of tiersync.agents.hosts (TIERSYNC_HOSTS)");
      if (!seen.add(host)) {
        throw new IllegalArgumentException("tiersync.agents.hosts (TIERSYNC_HOSTS) names host '" + host + "' twice");
      }
    }
    Objects.requireNonNull(offlineAfter, "tiersync.agents.offline-after (TIERSYNC_HOST_OFFLINE_AFTER) must be set");
    if (offlineAfter.toSeconds() < 10) {
      throw new IllegalArgumentException(
          "tiersync.agents.offline-after (TIERSYNC_HOST_OFFLINE_AFTER) must be at least 10s, was " + offlineAfter);
    }
    Objects.requireNonNull(answerTimeout, "tiersync.agents.answer-timeout (TIERSYNC_HOST_ANSWER_TIMEOUT) must be set");
    if (answerTimeout.toSeconds() < 1 || answerTimeout.toSeconds() > 300) {
      throw new IllegalArgumentException(
          "tiersync.agents.answer-timeout (TIERSYNC_HOST_ANSWER_TIMEOUT) must be 1s to 300s, was " + answerTimeout);
    }
  }
}
