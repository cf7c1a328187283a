package dev.tiersync.workflows.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tiersync.workflows.lock.ArtifactLockWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recorded histories against today's workflow code; a change that would break running
 * workflows (a non-deterministic edit without {@code Workflow.getVersion}) fails here.
 */
class WorkflowReplayTest {
  private static final Path HISTORIES = Path.of("src/test/resources/histories");

  @ParameterizedTest
  @ValueSource(strings = {"sync-success.json", "sync-dry-run.json", "sync-holder.json", "sync-waiter.json"})
  void syncWorkflow_replaysRecordedHistory(String file) throws Exception {
    File history = HISTORIES.resolve(file).toFile();
    assertThat(Files.size(history.toPath())).isGreaterThan(1000);
    WorkflowReplayer.replayWorkflowExecution(history, SyncWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"resolve-marked.json"})
  void resolveWorkflow_replaysRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(HISTORIES.resolve(file).toFile(), dev.tiersync.workflows.resolve.ResolveWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"patch-bundle.json"})
  void patchWorkflow_replaysRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(HISTORIES.resolve(file).toFile(), dev.tiersync.workflows.patch.PatchWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"collection-remove.json", "collection-rollback.json"})
  void collectionWorkflow_replaysRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        HISTORIES.resolve(file).toFile(), dev.tiersync.workflows.collection.CollectionWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"host-report.json", "host-offline.json"})
  void hostWorkflow_replaysRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        HISTORIES.resolve(file).toFile(), dev.tiersync.workflows.host.HostWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lock-workflow.json"})
  void lockWorkflow_replaysRecordedHistory(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(HISTORIES.resolve(file).toFile(), ArtifactLockWorkflowImpl.class);
  }
}
