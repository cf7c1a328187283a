package dev.tiersync.app.resolve;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.hosts.HostAddresses;
import dev.tiersync.app.jobs.ArtifactIdsField;
import dev.tiersync.app.jobs.JobRecord;
import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.app.jobs.JobStore;
import dev.tiersync.app.jobs.JobViews;
import dev.tiersync.app.jobs.RequestValues;
import dev.tiersync.engine.model.ArtifactId;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.InvalidArtifactIdException;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Turns a resolve request into a resolve job. The versions that "ours" and "theirs" refer to are
 * the ones the conflicted sync stored: its plan per artifact, taken from the job store.
 */
@Service
class ResolveService {
  private final JobStarter jobs;
  private final JobStore store;
  private final JobViews views;
  private final ScopeResolver scopes;
  private final HostAddresses hosts;
  private final ConflictedSyncs conflicted;
  private final ChosenResults chosen;

  ResolveService(
      JobStarter jobs, JobStore store, JobViews views, ScopeResolver scopes, ConflictedSyncs conflicted,
      HostAddresses hosts, ChosenResults chosen) {
    this.chosen = chosen;
    this.hosts = hosts;
    this.jobs = jobs;
    this.store = store;
    this.views = views;
    this.scopes = scopes;
    this.conflicted = conflicted;
  }

  JobStarter.Created create(ResolveRequest body, String idempotencyKey, String principal) {
    if (body == null) {
      throw ApiException.badRequest(null, "request body is required");
    }
    MergeStrategy fallback = RequestValues.strategy("strategy", body.strategy());
    Map<String, MergeStrategy> strategies = new LinkedHashMap<>();
    if (body.strategies() != null) {
      for (Map.Entry<String, String> e : body.strategies().entrySet()) {
        String id = artifactId("strategies", e.getKey());
        strategies.put(id, RequestValues.strategy("strategies." + e.getKey(), e.getValue()));
      }
    }
    Map<String, Map<String, ResolveRequest.FileChoice>> files = new LinkedHashMap<>();
    if (body.files() != null) {
      for (var e : body.files().entrySet()) {
        files.put(artifactId("files", e.getKey()), e.getValue() == null ? Map.of() : e.getValue());
      }
    }
    Requested requested = new Requested(new ArrayList<>(ArtifactIdsField.parse(body.artifactIds())), false);
    if (requested.ids().isEmpty() && (body.strategy() == null || body.strategy().isBlank())
        && !(strategies.isEmpty() && files.isEmpty())) {
      // {"strategies": {"skill:a": "theirs"}} names the artifacts to resolve (and so do the keys
      // of "files"); only a "strategy" for all (with or without per-artifact exceptions) reaches
      // the other conflicted artifacts.
      java.util.LinkedHashSet<String> named = new java.util.LinkedHashSet<>(strategies.keySet());
      named.addAll(files.keySet());
      requested = new Requested(new ArrayList<>(named), true);
    }
    for (String id : strategies.keySet()) {
      if (!requested.ids().isEmpty() && !requested.ids().contains(id)) {
        throw ApiException.badRequest(
            "strategies." + id, id + " has a strategy but is not in artifact_ids; list it there too, or drop its strategy");
      }
    }
    for (String id : files.keySet()) {
      if (!requested.ids().isEmpty() && !requested.ids().contains(id)) {
        throw ApiException.badRequest(
            "files." + id, id + " has chosen files but is not in artifact_ids; list it there too, or drop its files");
      }
    }
    JobRequest request =
        body.jobId() != null && !body.jobId().isBlank()
            ? fromJob(body.jobId(), requested, fallback, strategies, files)
            : fromArtifacts(body, requested, fallback, strategies, files);
    return jobs.start(request, idempotencyKey, principal);
  }

  /** The artifacts a resolve names, from {@code artifact_ids} or else the keys of {@code strategies}. */
  private record Requested(List<String> ids, boolean fromStrategies) {
    /** The request field that named the i-th artifact, for problem documents. */
    String field(int i) {
      return fromStrategies ? "strategies." + ids.get(i) : "artifact_ids[" + i + "]";
    }
  }

  private JobRequest fromJob(
      String jobId, Requested requested, MergeStrategy fallback, Map<String, MergeStrategy> strategies,
      Map<String, Map<String, ResolveRequest.FileChoice>> files) {
    JobRecord rec =
        store.find(jobId).orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "job_id", "no job " + jobId));
    if (!"sync".equals(rec.kind())) {
      throw ApiException.badRequest("job_id", "job " + jobId + " is a " + rec.kind() + " job; only sync jobs can be resolved");
    }
    JobSnapshot snapshot = views.snapshot(rec);
    JobRequest original = views.request(rec);
    if (original.dryRun()) {
      throw ApiException.conflict(
          "job_id", "job " + jobId + " was a dry run and wrote no conflict; apply the sync first");
    }
    List<String> ids = requested.ids();
    List<ArtifactPlan> conflicted = new ArrayList<>();
    for (ArtifactPlan p : snapshot == null ? List.<ArtifactPlan>of() : snapshot.plans()) {
      if (p.action() == PlanAction.CONFLICT && (ids.isEmpty() || ids.contains(p.artifactId()))) {
        conflicted.add(p);
      }
    }
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (conflicted.stream().noneMatch(p -> p.artifactId().equals(id))) {
        throw ApiException.badRequest(requested.field(i), id + " did not conflict in job " + jobId);
      }
    }
    if (conflicted.isEmpty()) {
      throw ApiException.conflict("job_id", "job " + jobId + " has no conflicted artifacts");
    }
    return request(
        original.direction(), original.collection(), original.projectPath(), conflicted, fallback,
        strategies, files, jobId);
  }

  private JobRequest fromArtifacts(
      ResolveRequest body, Requested requested, MergeStrategy fallback, Map<String, MergeStrategy> strategies,
      Map<String, Map<String, ResolveRequest.FileChoice>> files) {
    if (requested.ids().isEmpty()) {
      throw ApiException.badRequest("artifact_ids", "give job_id, or artifact_ids with direction");
    }
    Direction direction = RequestValues.resolveDirection(body.direction());
    Optional<String> hosted = hosts.hosted(body.projectPath(), "project_path");
    RequestValues.Scope scope =
        RequestValues.scope(
            scopes, direction, body.collection(), hosted.isPresent() ? null : body.projectPath(),
            hosted.orElse(null));
    String collection = scope.collection();
    String projectPath = scope.projectPath();
    if (!direction.needsProject()) {
      // The project plays no part in this edge: a UI that always sends its project must still
      // find the sync, which was recorded without one.
      projectPath = null;
    }
    List<ArtifactPlan> plans = new ArrayList<>();
    for (int i = 0; i < requested.ids().size(); i++) {
      String id = requested.ids().get(i);
      MergeStrategy s = strategies.getOrDefault(id, fallback);
      ConflictedSyncs.Found found = conflicted.find(id, direction, collection, projectPath);
      if (found instanceof ConflictedSyncs.Conflicted c) {
        plans.add(c.plan());
      } else if (s == MergeStrategy.AUTO && !files.containsKey(id)) {
        // No stored versions are needed to accept hand-resolved files.
        plans.add(
            new ArtifactPlan(
                id, PlanAction.CONFLICT, null, s, null, null, null, null, null, null, null, null, null,
                null));
      } else {
        throw ApiException.conflict(requested.field(i), notConflicted(id, direction, found));
      }
    }
    return request(direction, collection, projectPath, plans, fallback, strategies, files, null);
  }

  private static String notConflicted(String id, Direction direction, ConflictedSyncs.Found found) {
    String message = "no conflicted sync of " + id + " is recorded for this direction";
    if (found instanceof ConflictedSyncs.Settled s) {
      message +=
          ": the latest sync that wrote it, " + s.jobId() + " (" + s.direction().label()
              + "), ended " + s.outcome().label();
      if (s.direction() != direction && s.outcome() == Outcome.CONFLICT) {
        return message + "; resolve that conflict in its direction";
      }
    }
    return message + "; resolve with auto, or run a sync first";
  }

  /**
   * The resolve job's request; an artifact with chosen files gets its result stored first and
   * named on its plan ({@link ChosenResults}).
   */
  private JobRequest request(
      Direction direction, String collection, String projectPath, List<ArtifactPlan> conflictedPlans,
      MergeStrategy fallback, Map<String, MergeStrategy> strategies,
      Map<String, Map<String, ResolveRequest.FileChoice>> files, String sourceJobId) {
    List<ArtifactPlan> plans = new ArrayList<>();
    for (ArtifactPlan p : conflictedPlans) {
      Map<String, ResolveRequest.FileChoice> choices = files.get(p.artifactId());
      plans.add(
          choices == null
              ? p
              : chosen.store(p, choices, strategies.getOrDefault(p.artifactId(), fallback), "files." + p.artifactId()));
    }
    List<String> ids = plans.stream().map(ArtifactPlan::artifactId).toList();
    return new JobRequest(
        null, JobKind.RESOLVE, direction, ids, collection, projectPath, fallback, strategies, false,
        null, sourceJobId, null, plans);
  }

  private static String artifactId(String field, String raw) {
    try {
      return ArtifactId.parse(raw).toString();
    } catch (InvalidArtifactIdException e) {
      throw ApiException.badRequest(field, e.getMessage());
    }
  }
}
