package dev.tiersync.workflows.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Output of {@link HostActivities#describe}.
 *
 * @param hostId the agent's {@code TIERSYNC_HOST_ID}
 * @param version the tiersync version the agent runs
 * @param projectRoots the agent's {@code TIERSYNC_PROJECT_ROOTS}, absolute paths on its host
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostDescription(String hostId, String version, List<String> projectRoots) {}
