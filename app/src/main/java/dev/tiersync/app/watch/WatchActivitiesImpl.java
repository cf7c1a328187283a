package dev.tiersync.app.watch;

import dev.tiersync.activities.KeepAlive;
import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.jobs.JobStarter;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.tier.InvalidTierFileException;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.watch.WatchActivities;
import dev.tiersync.workflows.watch.WatchPass;
import dev.tiersync.workflows.watch.WebhookActivities;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The watch's activities: a pass, its auto-update job, its publication, a webhook delivery. */
@Component
public class WatchActivitiesImpl implements WatchActivities, WebhookActivities {
  /** The principal the watch's jobs are started by. */
  static final String PRINCIPAL = "watch";

  private final WatchPasses passes;
  private final WatchFiles files;
  private final DriftPublisher publisher;
  private final Webhooks webhooks;
  private final JobStarter jobs;

  WatchActivitiesImpl(
      WatchPasses passes,
      WatchFiles files,
      DriftPublisher publisher,
      Webhooks webhooks,
      JobStarter jobs) {
    this.passes = passes;
    this.files = files;
    this.publisher = publisher;
    this.webhooks = webhooks;
    this.jobs = jobs;
  }

  @Override
  public WatchPass pass(String collection, String passId) {
    try {
      return KeepAlive.during("watch pass of " + collection, () -> passes.run(collection, passId));
    } catch (InvalidTierFileException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "collection.toml of " + collection + " cannot be read: " + e.getMessage(), "InvalidTierFile");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String startAutoUpdate(String collection, String passId, List<String> artifactIds) {
    JobRequest request =
        new JobRequest(
            null, JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION, artifactIds, collection, null,
            MergeStrategy.AUTO, Map.of(), false, null, null, null, List.of(), List.of(), false, null,
            true, List.of());
    try {
      return jobs.start(request, "watch:" + passId, PRINCIPAL).job().jobId();
    } catch (ApiException e) {
      // Job creation is switched off (the kill switch): the drift is reported, nothing updated.
      return null;
    }
  }

  @Override
  public List<String> publish(String collection, String passId, String autoUpdateJobId) {
    WatchFiles.Published done = files.published(collection).orElse(null);
    if (done != null && passId.equals(done.passId())) {
      return done.deliveries();
    }
    WatchFiles.Pending pending =
        files
            .pending(collection)
            .or(() -> files.current(collection))
            .filter(p -> passId.equals(p.state().passId()))
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "pass " + passId + " of " + collection + " is no longer pending", "PassGone"));
    if (autoUpdateJobId == null && !pending.autoUpdate().isEmpty()) {
      // No job could be started (job creation is off): the updates are tried again next pass.
      WatchState before = files.state(collection).orElse(null);
      pending =
          new WatchFiles.Pending(
              pending.state().untried(pending.autoUpdate(), before), pending.events(), List.of());
      files.writePending(collection, pending);
    }
    List<String> updated = pending.autoUpdate();
    List<DriftEvent> events =
        pending.events().stream().map(e -> autoUpdated(e, updated, autoUpdateJobId)).toList();
    publisher.publish(pending.state(), events);
    List<String> deliveries = webhooks.write(collection, passId, pending.state().passAt(), events);
    files.publish(collection, passId, deliveries);
    return deliveries;
  }

  /** The event of an artifact the pass's auto-update job updates says so. */
  private static DriftEvent autoUpdated(DriftEvent e, List<String> updated, String jobId) {
    return jobId != null && e.projectPath() == null && updated.contains(e.artifactId())
        ? e.withAction("auto_update:" + jobId)
        : e;
  }

  @Override
  public void deliver(String deliveryId) {
    try {
      webhooks.deliver(deliveryId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
