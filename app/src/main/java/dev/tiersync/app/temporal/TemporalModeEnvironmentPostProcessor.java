package dev.tiersync.app.temporal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Chooses between the embedded Temporal test server and an external cluster from one setting.
 *
 * <p>The Temporal starter runs its in-process test server when {@code
 * spring.temporal.test-server.enabled} is true, and that must be the case exactly when no address
 * is configured; a property placeholder cannot express "true if that other value is blank". This
 * post-processor adds a property source that answers {@code spring.temporal.test-server.enabled}
 * from {@code tiersync.temporal.address} ({@code TEMPORAL_ADDRESS}). It computes the answer on each
 * lookup rather than once, so sources added after post-processing (test property sources, for one)
 * are taken into account. It has the lowest precedence, so an explicit {@code
 * spring.temporal.test-server.enabled} still wins.
 */
public class TemporalModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String PROPERTY_SOURCE_NAME = "tiersyncTemporalMode";
  static final String ADDRESS_PROPERTY = "tiersync.temporal.address";
  static final String TEST_SERVER_ENABLED_PROPERTY = "spring.temporal.test-server.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new TemporalModePropertySource(environment));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** Answers only {@code spring.temporal.test-server.enabled}, from the current address. */
  static final class TemporalModePropertySource extends PropertySource<String> {

    // Deliberately not the property source's "source": Spring Boot walks into any source whose
    // source is an environment, and this one would then contain itself.
    private final PropertyResolver environment;

    TemporalModePropertySource(PropertyResolver environment) {
      super(PROPERTY_SOURCE_NAME, "derived from " + ADDRESS_PROPERTY);
      this.environment = environment;
    }

    @Override
    public Object getProperty(String name) {
      if (!TEST_SERVER_ENABLED_PROPERTY.equals(name)) {
        return null;
      }
      return Boolean.toString(environment.getProperty(ADDRESS_PROPERTY, "").isBlank());
    }
  }
}
