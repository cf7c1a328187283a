package dev.tiersync.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

class TemporalModeEnvironmentPostProcessorTest {

  private final TemporalModeEnvironmentPostProcessor postProcessor =
      new TemporalModeEnvironmentPostProcessor();

  @Test
  void noAddress_enablesEmbeddedTestServer() {
    MockEnvironment environment = new MockEnvironment();

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.test-server.enabled", Boolean.class))
        .isTrue();
  }

  @Test
  void blankAddress_enablesEmbeddedTestServer() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("tiersync.temporal.address", "  ");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.test-server.enabled", Boolean.class))
        .isTrue();
  }

  @Test
  void address_disablesEmbeddedTestServer() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("tiersync.temporal.address", "temporal:7233");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.test-server.enabled", Boolean.class))
        .isFalse();
  }

  @Test
  void addressSetAfterPostProcessing_isSeen() {
    MockEnvironment environment = new MockEnvironment();
    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    environment.setProperty("tiersync.temporal.address", "temporal:7233");

    assertThat(environment.getProperty("spring.temporal.test-server.enabled", Boolean.class))
        .isFalse();
  }

  @Test
  void explicitSetting_wins() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("spring.temporal.test-server.enabled", "false");

    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.test-server.enabled", Boolean.class))
        .isFalse();
  }

  @Test
  void bootEnvironment_lookupsAndBindingTerminate() {
    // Spring Boot adapts every property source for binding; a source that exposed the environment
    // as its own source made those lookups loop forever.
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("tiersync.temporal.address", "")));
    ConfigurationPropertySources.attach(environment);
    postProcessor.postProcessEnvironment(environment, new SpringApplication());

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(environment.getProperty("some.other.property")).isNull();
          assertThat(
                  Binder.get(environment)
                      .bind("spring.temporal.test-server.enabled", Boolean.class)
                      .get())
              .isTrue();
        });
  }
}
