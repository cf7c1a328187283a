package dev.tiersync.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.CollectionChange;
import dev.tiersync.engine.model.ConflictKind;
import dev.tiersync.engine.model.Direction;
import dev.tiersync.engine.model.FileConflict;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.model.ResolveResult;
import dev.tiersync.workflows.jobs.JobKind;
import dev.tiersync.workflows.jobs.JobRequest;
import dev.tiersync.workflows.sync.MergeResult;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The payloads keep the JSON the recorded histories (and the job store) hold, now that they carry
 * the engine's enums: what a workflow recorded before must still be read the same, and what it
 * writes now must look as it did. The expected strings are copied from {@code
 * src/test/resources/histories}.
 */
class PayloadJsonTest {
  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  private static final String CONFLICT_PLAN =
      "{\"artifactId\":\"skill:conflict\",\"action\":\"conflict\",\"reason\":null,"
          + "\"strategy\":\"AUTO\",\"sourceHash\":\"src-skill:conflict\","
          + "\"destinationHash\":\"dst-skill:conflict\",\"baseHash\":\"base-skill:conflict\","
          + "\"mergedHash\":\"merged-skill:conflict\",\"filesAdded\":[],\"filesRemoved\":[],"
          + "\"filesModified\":[\"SKILL.md\"],\"conflicts\":[{\"artifactId\":\"skill:conflict\","
          + "\"path\":\"SKILL.md\",\"kind\":\"content\"}],\"upstreamSha\":null,\"upstreamRef\":null}";

  @Test
  void plan_writesActionAndConflictKindInLowerCase_andStrategyByName() {
    ArtifactPlan plan =
        new ArtifactPlan(
            "skill:conflict", PlanAction.CONFLICT, null, MergeStrategy.AUTO, "src-skill:conflict",
            "dst-skill:conflict", "base-skill:conflict", "merged-skill:conflict", List.of(),
            List.of(), List.of("SKILL.md"),
            List.of(new FileConflict("skill:conflict", "SKILL.md", ConflictKind.CONTENT)), null,
            null);

    assertThat(json(plan)).isEqualTo(CONFLICT_PLAN);
  }

  @Test
  void planAndResultOfOneProjectOfSeveral_carryItsPath_andReadBack() {
    ArtifactPlan plan = read(CONFLICT_PLAN, ArtifactPlan.class).withProjectPath("/p1");
    ArtifactResult result = ArtifactResult.predicted(plan);

    assertThat(json(plan)).isEqualTo(CONFLICT_PLAN.replaceFirst("}$", ",\"projectPath\":\"/p1\"}"));
    assertThat(read(json(plan), ArtifactPlan.class)).isEqualTo(plan);
    assertThat(json(result)).endsWith(",\"projectPath\":\"/p1\"}");
    assertThat(read(json(result), ArtifactResult.class).projectPath()).isEqualTo("/p1");
    assertThat(read(CONFLICT_PLAN, ArtifactPlan.class).projectPath())
        .as("a plan recorded before")
        .isNull();
  }

  @Test
  void resolvePlanWithAChosenResult_carriesItsHashOnly_andReadsBack() {
    ArtifactPlan plan = read(CONFLICT_PLAN, ArtifactPlan.class).withResultHash("chosen-skill:conflict");

    assertThat(json(plan))
        .isEqualTo(CONFLICT_PLAN.replaceFirst("}$", ",\"resultHash\":\"chosen-skill:conflict\"}"));
    assertThat(read(json(plan), ArtifactPlan.class)).isEqualTo(plan);
    assertThat(read(CONFLICT_PLAN, ArtifactPlan.class).resultHash()).as("a plan recorded before").isNull();
  }

  @Test
  void recordedMergeResult_readsIntoTheEnums() {
    MergeResult read = read("{\"plans\":[" + CONFLICT_PLAN + "]}", MergeResult.class);

    ArtifactPlan plan = read.plans().get(0);
    assertThat(plan.action()).isEqualTo(PlanAction.CONFLICT);
    assertThat(plan.strategy()).isEqualTo(MergeStrategy.AUTO);
    assertThat(plan.conflicts())
        .containsExactly(new FileConflict("skill:conflict", "SKILL.md", ConflictKind.CONTENT));
  }

  @Test
  void everyActionAndKind_readsBackFromWhatItWrites() {
    for (PlanAction action : PlanAction.values()) {
      assertThat(json(action)).isEqualTo("\"" + action.name().toLowerCase(Locale.ROOT) + "\"");
      assertThat(read(json(action), PlanAction.class)).isEqualTo(action);
    }
    for (ConflictKind kind : ConflictKind.values()) {
      assertThat(json(kind)).isEqualTo("\"" + kind.name().toLowerCase(Locale.ROOT) + "\"");
      assertThat(read(json(kind), ConflictKind.class)).isEqualTo(kind);
    }
  }

  @Test
  void request_writesDirectionAndStrategyByName() {
    JobRequest request =
        new JobRequest(
            "sync-dry-run", JobKind.SYNC, Direction.UPSTREAM_TO_COLLECTION,
            List.of("skill:conflict"), "default", null, MergeStrategy.AUTO,
            Map.of("skill:conflict", MergeStrategy.THEIRS), true, "trace-sync-dry-run", null, null,
            List.of());

    assertThat(json(request))
        .isEqualTo(
            "{\"jobId\":\"sync-dry-run\",\"kind\":\"SYNC\",\"direction\":\"UPSTREAM_TO_COLLECTION\","
                + "\"artifactIds\":[\"skill:conflict\"],\"collection\":\"default\","
                + "\"projectPath\":null,\"strategy\":\"AUTO\","
                + "\"strategies\":{\"skill:conflict\":\"THEIRS\"},\"dryRun\":true,"
                + "\"traceId\":\"trace-sync-dry-run\",\"sourceJobId\":null,\"format\":null,"
                + "\"plans\":[],\"changes\":[],\"force\":false,\"patchBase\":null,"
                + "\"cleanOnly\":false,\"projectPaths\":[]}");
  }

  @Test
  void request_recordedBeforeTheCollectionFields_readsWithTheirDefaults() {
    String recorded =
        "{\"jobId\":\"sync-1\",\"kind\":\"SYNC\",\"direction\":\"UPSTREAM_TO_COLLECTION\","
            + "\"artifactIds\":[],\"collection\":\"default\",\"projectPath\":null,"
            + "\"strategy\":\"AUTO\",\"strategies\":{},\"dryRun\":true,\"traceId\":null,"
            + "\"sourceJobId\":null,\"format\":null,\"plans\":[]}";

    JobRequest read = read(recorded, JobRequest.class);

    assertThat(read.changes()).isEmpty();
    assertThat(read.force()).isFalse();
    assertThat(read.patchBase()).isNull();
    assertThat(read.jobId()).isEqualTo("sync-1");
  }

  @Test
  void request_withCollectionChanges_roundTrips() {
    JobRequest request =
        new JobRequest(
            "add-1", JobKind.ADD, Direction.UPSTREAM_TO_COLLECTION, List.of("skill:pdf"), "team",
            null, MergeStrategy.AUTO, Map.of(), false, null, null, null, List.of(),
            List.of(new CollectionChange("skill:pdf", "file:///srv/up.git", "skills/pdf", "v1")),
            true, "local_changes");

    assertThat(read(json(request), JobRequest.class)).isEqualTo(request);
  }

  @Test
  void recordedResolveOutput_readsIntoTheEngineResult() {
    String recorded =
        "{\"result\":{\"artifactId\":\"skill:marked\",\"outcome\":\"CONFLICT\","
            + "\"reason\":\"1 file(s) still hold conflict markers\",\"filesAdded\":0,"
            + "\"filesRemoved\":0,\"filesModified\":1,\"beforeHash\":\"before\","
            + "\"afterHash\":\"after\"},\"unresolvedFiles\":[\"SKILL.md\"]}";

    ResolveResult read = read(recorded, ResolveResult.class);

    assertThat(read.result())
        .isEqualTo(
            new ArtifactResult(
                "skill:marked", Outcome.CONFLICT, "1 file(s) still hold conflict markers", 0, 0, 1,
                "before", "after"));
    assertThat(read.unresolvedFiles()).containsExactly("SKILL.md");
    assertThat(json(read)).isEqualTo(recorded);
  }

  private static String json(Object value) {
    Payload payload = CONVERTER.toPayload(value).orElseThrow();
    return payload.getData().toString(StandardCharsets.UTF_8);
  }

  private static <T> T read(String json, Class<T> type) {
    Payload payload =
        CONVERTER.toPayload("").orElseThrow().toBuilder()
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return CONVERTER.fromPayload(payload, type, type);
  }
}
