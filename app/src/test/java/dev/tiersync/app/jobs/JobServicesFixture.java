package dev.tiersync.app.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tiersync.app.audit.AuditLog;
import dev.tiersync.app.config.AgentProperties;
import dev.tiersync.app.config.DataDirectory;
import dev.tiersync.app.config.TiersyncProperties;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.patch.BundleFormat;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.ScopeResolver;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.jobs.JobSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;

/**
 * The job services' collaborators, all real: a JSONL job store, collections and projects in a temp
 * folder, Temporal's in-memory test server (with no worker on the jobs queue unless a test adds
 * one, so a started job workflow stays running), and a clock the test moves.
 */
final class JobServicesFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
  final TestClock clock = new TestClock(T0);
  final Path home;
  final Path collections;
  final Path projects;
  final Path project;
  final JsonlJobStore store;
  final JobViews views;
  final TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance();
  final WorkflowClient client = temporal.getWorkflowClient();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final JobMetrics metrics = new JobMetrics(meters);
  final EndedJobViews endedViews = new EndedJobViews();
  private final JobEventStream events = new JobEventStream();
  final AuditLog audit;
  final JobEventPublisher publisher;
  final JobFinisher finisher;

  JobServicesFixture(Path dir) {
    try {
      home = Files.createDirectories(dir.resolve("home"));
      collections = dir.resolve("collections");
      Files.createDirectories(collections.resolve("default"));
      projects = Files.createDirectories(dir.resolve("projects"));
      project = Files.createDirectories(projects.resolve("app"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store = new JsonlJobStore(home.resolve("jobs.jsonl"), json);
    views = new JobViews(json, new LiveProgress(), clock);
    audit = new AuditLog(new DataDirectory(properties(true)), properties(true), json);
    publisher = new JobEventPublisher(store, views, events, new LiveProgress(), clock, metrics, audit, event -> {});
    finisher = new JobFinisher(views, publisher);
  }

  /** The agents' settings as application.yml defaults them: no hosts, a 10 min host wait. */
  static AgentProperties agents() {
    return new AgentProperties(
        "server", List.of(), Duration.ofSeconds(90), Duration.ofSeconds(5), null, null,
        Duration.ofMinutes(10));
  }

  TiersyncProperties properties(boolean asyncEnabled) {
    return new TiersyncProperties(
        home, collections, List.of(projects), List.of("token"),
        new TiersyncProperties.Sync(
            asyncEnabled, TiersyncProperties.JobStore.JSONL, true, DataSize.ofMegabytes(1),
            BundleFormat.TAR_GZ, 10, Duration.ofSeconds(60), null),
        new TiersyncProperties.Temporal("", "default"), "test");
  }

  ScopeResolver scopes() {
    return new ScopeResolver(new CollectionsRoot(collections), List.of(projects));
  }

  JobWorkflows workflows() {
    return new JobWorkflows(client, properties(true), agents());
  }

  /** A launcher that starts each workflow on {@code executor}. */
  JobLauncher launcher(java.util.concurrent.Executor executor) {
    return new JobLauncher(store, client, workflows(), finisher, executor);
  }

  /** A launcher that starts each workflow on the calling thread, before the starter answers. */
  JobLauncher launcher() {
    return launcher(Runnable::run);
  }

  /** A sync request as the starter records it: with job id and trace id. */
  static JobRequest sync(String jobId, boolean dryRun) {
    return new JobRequest(
        jobId, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, List.of("skill:a"), "default", null,
        MergeStrategy.AUTO, Map.of(), dryRun, "trace-" + jobId, null, null, List.of());
  }

  /** Puts a job into the store as if it had been created and had published {@code snapshot}. */
  JobRecord insert(JobRequest request, String state, String phase, JobSnapshot snapshot) {
    JobRecord r =
        new JobRecord(
            request.jobId(), JobViews.lower(request.kind()), JobViews.lower(request.direction()), state, 0,
            phase, request.collection(), request.projectPath(), views.writeIds(request.artifactIds()),
            views.write(request), snapshot == null ? null : views.write(snapshot), request.traceId(), null,
            "hash", "alice", clock.instant(), null, null);
    store.insert(r);
    return r;
  }

  /** The events of a workflow's history, oldest first. */
  List<HistoryEvent> history(String workflowId) {
    return client.fetchHistory(workflowId).getEvents();
  }

  @Override
  public void close() {
    temporal.close();
    events.destroy();
  }
}
