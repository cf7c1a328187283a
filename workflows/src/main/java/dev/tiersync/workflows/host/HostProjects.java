package dev.tiersync.workflows.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Output of {@link HostActivities#projects}.
 *
 * @param projects real paths of the projects on the agent's host, in root then path order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostProjects(List<String> projects) {}
