package dev.tiersync.app.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tiersync.app.TestDataHome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the agent mode refuses before it polls anything. */
class AgentApplicationTest {

  @Test
  void withoutTemporalAddress_refusesToStartNamingTheSetting() {
    assertThatThrownBy(() -> AgentApplication.run(new String[] {"--tiersync.temporal.address="}))
        .rootCause()
        .isInstanceOf(AgentStartupException.class)
        .hasMessageContaining("TEMPORAL_ADDRESS")
        .hasMessageContaining("embedded Temporal server");
  }

  @Test
  void withoutServerUrl_refusesToStartNamingTheSetting() {
    assertThatThrownBy(() -> AgentApplication.run(settings("--tiersync.agents.server-url=", "--tiersync.agents.token=t")))
        .rootCause()
        .isInstanceOf(AgentStartupException.class)
        .hasMessageStartingWith("the agent needs TIERSYNC_SERVER_URL, the URL of the tiersync server");
  }

  @Test
  void withoutToken_refusesToStartNamingTheSetting() {
    assertThatThrownBy(
            () -> AgentApplication.run(settings("--tiersync.agents.server-url=http://127.0.0.1:8080", "--tiersync.agents.token=")))
        .rootCause()
        .isInstanceOf(AgentStartupException.class)
        .hasMessageStartingWith("the agent needs TIERSYNC_AGENT_TOKEN, one of the server's TIERSYNC_API_TOKENS")
        .hasMessageContaining("http://127.0.0.1:8080");
  }

  @Test
  void unreachableCluster_refusesToStartInOneLineNamingTheAddress() {
    assertThatThrownBy(
            () -> AgentApplication.run(new String[] {
                "--tiersync.temporal.address=127.0.0.1:1", "--tiersync.home=" + TestDataHome.newHome(),
                "--tiersync.agents.server-url=http://127.0.0.1:8080", "--tiersync.agents.token=t"}))
        .rootCause()
        .isInstanceOf(AgentStartupException.class)
        .hasMessageStartingWith("the agent cannot reach the Temporal cluster at TEMPORAL_ADDRESS=127.0.0.1:1: UNAVAILABLE");
  }

  /** A Temporal address (never dialled: the agent stops before), a data home of its own, and {@code more}. */
  private static String[] settings(String... more) {
    List<String> args = new ArrayList<>(List.of("--tiersync.temporal.address=127.0.0.1:7233", "--tiersync.home=" + TestDataHome.newHome()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void startupException_isReportedAsItsMessageAlone() {
    AgentStartupException failure = new AgentStartupException("the agent needs X");

    var analysis = new AgentStartupAnalyzer().analyze(new IllegalStateException(failure), failure);

    assertThat(analysis.getDescription()).isEqualTo("the agent needs X");
    assertThat(analysis.getAction()).isNull();
  }
}
