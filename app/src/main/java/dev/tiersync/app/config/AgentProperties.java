package dev.tiersync.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * @param serverUrl the server an agent moves versions to and from ({@code /api/v1/objects}); blank
 *     when unset (the server itself needs none, an agent refuses to start without it); else an
 *     absolute {@code http}/{@code https} URL; {@code TIERSYNC_SERVER_URL}
 * @param token the API token an agent sends to that server, one of its {@code TIERSYNC_API_TOKENS};
 *     blank when unset; never printed; {@code TIERSYNC_AGENT_TOKEN}
 * @param hostWait how long a job waits for an offline host's agent to come back; {@code
 *     TIERSYNC_HOST_WAIT}
 */
@ConfigurationProperties("tiersync.agents")
public record AgentProperties(
    String hostId,
    List<String> hosts,
    Duration offlineAfter,
    Duration answerTimeout,
    String serverUrl,
    String token,
    Duration hostWait) {
  private static final String SERVER_URL = "tiersync.agents.server-url (TIERSYNC_SERVER_URL)";

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
    serverUrl = serverUrl == null ? "" : serverUrl.strip();
    if (!serverUrl.isEmpty()) {
      requireHttpUrl(serverUrl);
    }
    token = token == null ? "" : token.strip();
    Objects.requireNonNull(hostWait, "tiersync.agents.host-wait (TIERSYNC_HOST_WAIT) must be set");
    if (hostWait.toSeconds() < 10 || hostWait.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("tiersync.agents.host-wait (TIERSYNC_HOST_WAIT) must be 10s to 24h, was " + hostWait);
    }
  }

  /** {@link #serverUrl} as a URI; only for a set one. */
  public URI serverUri() {
    if (serverUrl.isEmpty()) {
      throw new IllegalStateException(SERVER_URL + " is not set");
    }
    return URI.create(serverUrl);
  }

  private static void requireHttpUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(SERVER_URL + " must be an absolute http or https URL, was '" + url + "': " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          SERVER_URL + " must be an absolute http or https URL such as https://tiersync.example:8080, was '" + url + "'");
    }
  }

  /** Like the record's own, with the token masked: settings get logged. */
  @Override
  public String toString() {
    return "AgentProperties[hostId=%s, hosts=%s, offlineAfter=%s, answerTimeout=%s, serverUrl=%s, token=%s, hostWait=%s]"
        .formatted(hostId, hosts, offlineAfter, answerTimeout, serverUrl, token.isEmpty() ? "<none>" : "<hidden>", hostWait);
  }
}
