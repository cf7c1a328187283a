package dev.tiersync.app.hosts;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.engine.model.ProjectAddress;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The server's check of a {@code host:path} project address (docs/agents.md): the host must be one
 * of {@code TIERSYNC_HOSTS} and the path absolute. The folder itself is on the host, so whether it
 * exists and is inside the agent's roots is the agent's check, made in every activity.
 */
@Component
public class HostAddresses {
  private static final Pattern ABSOLUTE = Pattern.compile("/.*|[A-Za-z]:[\\\\/].*");

  private final AgentProperties agents;

  public HostAddresses(AgentProperties agents) {
    this.agents = agents;
  }

  /**
   * The address in its canonical form when {@code raw} names a project on a host, empty for a
   * project on the server (left to the server's own checks).
   *
   * @throws ApiException 400 naming {@code field} for an unknown host or a relative path
   */
  public Optional<String> hosted(String raw, String field) {
    ProjectAddress address = ProjectAddress.parse(raw);
    if (address == null || !address.onHost()) {
      return Optional.empty();
    }
    if (!agents.hosts().contains(address.host())) {
      throw ApiException.badRequest(
          field,
          field + " names host '" + address.host() + "', which is not one of the server's hosts"
              + (agents.hosts().isEmpty()
                  ? " (TIERSYNC_HOSTS is empty)"
                  : " (TIERSYNC_HOSTS: " + String.join(", ", agents.hosts()) + ")"));
    }
    String path = address.path();
    if (!ABSOLUTE.matcher(path).matches() || path.indexOf('\0') >= 0) {
      throw ApiException.badRequest(
          field, field + " must be host:path with an absolute path on that host, got '" + raw + "'");
    }
    if (path.startsWith("/")) {
      // One spelling per folder, so locks and idempotency keys see one project.
      path = java.nio.file.Path.of(path).normalize().toString();
    }
    return Optional.of(address.host() + ":" + path);
  }
}
