package dev.tiersync.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Builds status documents from stored job records (plus live in-phase progress). */
@Component
public class JobViews {
  private final ObjectMapper json;
  private final LiveProgress live;
  private final Clock clock;

  public JobViews(ObjectMapper json, LiveProgress live, Clock clock) {
    this.json = json;
    this.live = live;
    this.clock = clock;
  }

  public JobView view(JobRecord r) {
    return view(r, snapshot(r));
  }

  /** The view of {@code r} whose snapshot the caller already holds ({@code r}'s, not parsed again). */
  JobView view(JobRecord r, JobSnapshot s) {
    JobRequest req = request(r);
    Instant end = r.endedAt() != null ? r.endedAt() : clock.instant();
    Long duration = r.startedAt() == null ? null : Duration.between(r.startedAt(), end).toMillis();
    int pct = JobStates.terminal(r.state()) ? r.pct() : live.pct(r.jobId(), r.phase(), r.pct());
    List<JobView.Artifact> artifacts = new ArrayList<>();
    List<JobView.Plan> plans = new ArrayList<>();
    List<JobView.Conflict> conflicts = new ArrayList<>();
    String log = null;
    String waiting = null;
    Map<String, Object> result = new LinkedHashMap<>();
    List<String> unresolved = List.of();
    if (s != null) {
      for (var a : s.artifacts()) {
        artifacts.add(
            new JobView.Artifact(
                a.artifactId(), a.outcome().label(), a.reason(), a.filesAdded(),
                a.filesRemoved(), a.filesModified(), a.beforeHash(), a.afterHash(),
                a.projectPath()));
      }
      for (ArtifactPlan p : s.plans()) {
        plans.add(
            new JobView.Plan(
                p.artifactId(), p.action().label(), p.reason(), p.filesAdded(), p.filesRemoved(),
                p.filesModified(), conflicts(p.conflicts()), p.projectPath()));
      }
      conflicts.addAll(conflicts(s.conflicts()));
      log = String.join("\n", s.log());
      waiting = s.waitingReason();
      result.putAll(s.result());
      unresolved = s.unresolvedFiles();
    }
    return new JobView(
        r.jobId(),
        r.kind(),
        r.direction(),
        r.state(),
        pct,
        r.phase(),
        waiting,
        r.createdAt(),
        r.startedAt(),
        r.endedAt(),
        duration,
        r.traceId(),
        statusUrl(r.jobId()),
        log,
        req == null
            ? null
            : new JobView.Request(
                req.artifactIds(), req.collection(), req.projectPath(),
                req.strategy().label(), req.dryRun(), req.cleanOnly(), req.projectPaths()),
        artifacts,
        plans,
        conflicts,
        unresolved,
        result);
  }

  public static String statusUrl(String jobId) {
    return "/api/v1/sync/jobs/" + jobId;
  }

  public JobSnapshot snapshot(JobRecord r) {
    return r.snapshotJson() == null ? null : read(r.snapshotJson(), JobSnapshot.class);
  }

  public JobRequest request(JobRecord r) {
    return r.requestJson() == null ? null : read(r.requestJson(), JobRequest.class);
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  String writeIds(List<String> ids) {
    return write(ids);
  }

  List<String> readIds(String value) {
    try {
      return value == null ? List.of() : json.readValue(value, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  private <T> T read(String value, Class<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
    }
  }

  private static List<JobView.Conflict> conflicts(List<FileConflict> in) {
    return in.stream()
        .map(c -> new JobView.Conflict(c.artifactId(), c.path(), c.kind().label()))
        .toList();
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  /** An enum constant as stored and shown: {@code COLLECTION_TO_PROJECT} → {@code collection_to_project}. */
  static String lower(Enum<?> e) {
    return e == null ? null : lower(e.name());
  }
}
