package dev.tiersync.workflows.testing;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.workflows.collection.CollectionActivities;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.ApplyInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Collection-change activities that plan a removal (a rollback: an update; or a new collection) of
 * whatever a request names and record each apply: artifacts whose id contains "bad" get a failed plan. An apply can be
 * held at a gate, and can look at the world (e.g. who holds a lock) while it runs.
 */
public final class FakeCollectionActivities implements CollectionActivities {
  public final AtomicInteger planCalls = new AtomicInteger();
  public final List<String> applied = Collections.synchronizedList(new ArrayList<>());
  public final Map<String, CountDownLatch> applyStarted = new ConcurrentHashMap<>();
  public volatile CountDownLatch applyGate;
  /** Called with each apply's input while it runs; what it answers is recorded in {@link #seen}. */
  public volatile Function<ApplyInput, String> probe;
  public final List<String> seen = Collections.synchronizedList(new ArrayList<>());

  @Override
  public List<ArtifactPlan> plan(JobRequest request) {
    planCalls.incrementAndGet();
    if (request.kind() == JobKind.CREATE_COLLECTION) {
      return List.of(plan("collection:" + request.collection(), PlanAction.CREATE));
    }
    List<ArtifactPlan> plans = new ArrayList<>();
    for (String id : request.artifactIds()) {
      plans.add(
          id.contains("bad")
              ? ArtifactPlan.failed(id, id + " is not in the collection", MergeStrategy.AUTO)
              : plan(id, request.kind() == JobKind.ROLLBACK ? PlanAction.UPDATE : PlanAction.REMOVE));
    }
    return plans;
  }

  @Override
  public List<ArtifactPlan> planHostedUndeploy(dev.tiersync.workflows.sync.HostedFetchInput input) {
    seen.add("planHostedUndeploy " + input.sides().size());
    return plan(input.request());
  }

  @Override
  public ArtifactResult apply(ApplyInput input) {
    applyStarted.computeIfAbsent(input.request().jobId(), k -> new CountDownLatch(1)).countDown();
    CountDownLatch gate = applyGate;
    if (gate != null) {
      try {
        gate.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Function<ApplyInput, String> p = probe;
    if (p != null) {
      seen.add(p.apply(input));
    }
    ArtifactPlan plan = input.plan();
    applied.add(input.request().jobId() + ":" + plan.artifactId());
    return ArtifactResult.ofPlan(plan, plan.action().outcome(), null, plan.destinationHash(), null);
  }

  private static ArtifactPlan plan(String id, PlanAction action) {
    return new ArtifactPlan(
        id, action, null, MergeStrategy.AUTO, null, action == PlanAction.CREATE ? null : "d", null,
        null, null, List.of("SKILL.md"), null, null, null, null);
  }

}
