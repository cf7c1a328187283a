package dev.tiersync.workflows.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host report workflow on Temporal's test server: the workflow on the jobs queue, one agent
 * ({@code ann}) polling its own queue, and no agent for {@code bob}.
 */
class HostWorkflowTest {
  private HostTestEnvironment hosts;

  @BeforeEach
  void start() {
    hosts = new HostTestEnvironment();
  }

  @AfterEach
  void stop() {
    hosts.close();
  }

  private HostWorkflow workflow(String id) {
    return hosts.workflow(id);
  }

  @Test
  void report_ofAHostWhoseAgentPolls_isWhatTheAgentAnswers() {
    HostWorkflow.Report report = workflow("host-ann").report(new HostWorkflow.Question("ann", 5));

    assertThat(report.agent()).isEqualTo(new HostDescription("ann", "1.2.3", List.of("/home/ann/code")));
    assertThat(report.projects()).containsExactly("/home/ann/code/web", "/home/ann/code/api");
  }

  @Test
  void report_ofAHostWithNoAgent_failsAsOfflineNamingHostAndQueue() {
    HostTestEnvironment.assertOffline(
        () -> workflow("host-bob").report(new HostWorkflow.Question("bob", 5)), "bob");
  }

  @Test
  void longestRun_boundsTwoUnretriedRequests() {
    assertThat(HostWorkflowImpl.longestRun(new HostWorkflow.Question("ann", 5))).hasSeconds(70);
  }
}
