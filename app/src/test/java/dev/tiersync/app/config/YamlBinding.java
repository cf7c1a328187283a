package dev.tiersync.app.config;

import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

/**
 * A context that binds the real {@code application.yml}, into which tests put settings under
 * their environment-variable names (as system properties), the way a user sets them.
 */
final class YamlBinding {
  private YamlBinding() {}

  static ApplicationContextRunner runner(Class<?> configuration) {
    return new ApplicationContextRunner()
        // The machine's real environment must not leak into the defaults under test.
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
        .withInitializer(new ConfigDataApplicationContextInitializer())
        .withUserConfiguration(configuration);
  }
}
