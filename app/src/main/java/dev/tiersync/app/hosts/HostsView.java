package dev.tiersync.app.hosts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/hosts}.
 *
 * @param items every host of {@code TIERSYNC_HOSTS}, in that order
 * @param offlineAfter seconds without a poll after which a host is offline without being asked
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HostsView(List<HostView> items, long offlineAfter) {}
