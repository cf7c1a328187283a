package dev.tiersync.app.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void startupException_isReportedAsItsMessageAlone() {
    AgentStartupException failure = new AgentStartupException("the agent needs X");

    var analysis = new AgentStartupAnalyzer().analyze(new IllegalStateException(failure), failure);

    assertThat(analysis.getDescription()).isEqualTo("the agent needs X");
    assertThat(analysis.getAction()).isNull();
  }
}
