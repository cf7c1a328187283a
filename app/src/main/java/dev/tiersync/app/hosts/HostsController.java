package dev.tiersync.app.hosts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/hosts}: the hosts whose agents ({@code tiersync agent}) serve their projects, and
 * whether each is online (docs/agents.md).
 */
@RestController
class HostsController {
  private final Hosts hosts;

  HostsController(Hosts hosts) {
    this.hosts = hosts;
  }

  /** Every configured host: online or why not, last poll, and the projects of those online. */
  @GetMapping("/api/v1/hosts")
  HostsView hosts() {
    return hosts.all();
  }

  /** One host's projects, asked from its agent; 503 naming the reason when it does not answer. */
  @GetMapping("/api/v1/hosts/{host}/projects")
  HostProjectsView projects(@PathVariable String host) {
    return new HostProjectsView(host, hosts.ask(host).report().projects());
  }

  /**
   * The answer of {@code GET /api/v1/hosts/{host}/projects}.
   *
   * @param host the host id
   * @param projects the projects under its agent's roots, as paths on that host
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record HostProjectsView(String host, List<String> projects) {}
}
