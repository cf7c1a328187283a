package dev.tiersync.app.hosts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * One host of {@code GET /api/v1/hosts}.
 *
 * @param id the host id (an entry of {@code TIERSYNC_HOSTS})
 * @param taskQueue the task queue its agent polls
 * @param online whether its agent answered just now
 * @param lastSeen the latest poll of its queue Temporal remembers; null when none is
 * @param version the tiersync version its agent runs; null when it did not answer
 * @param projectRoots its agent's project roots; null when it did not answer
 * @param projects the projects under them, as paths on that host; null when it did not answer
 * @param offlineReason why it is offline; null when online
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record HostView(
    String id,
    String taskQueue,
    boolean online,
    Instant lastSeen,
    String version,
    List<String> projectRoots,
    List<String> projects,
    String offlineReason) {}
