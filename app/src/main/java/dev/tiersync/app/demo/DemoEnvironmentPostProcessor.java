package dev.tiersync.app.demo;

import dev.tiersync.app.config.TiersyncProperties;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode ({@code TIERSYNC_DEMO=true}): points the collections root and the project roots at the
 * demo workspace inside the data directory, ahead of every other setting, so one variable is
 * enough and a demo never touches the user's real collections. {@link DemoSeeder} builds the
 * workspace.
 */
public class DemoEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {
  /** Bound from the environment variable {@code TIERSYNC_DEMO} by Spring's relaxed binding. */
  static final String DEMO_PROPERTY = "tiersync.demo";

  static final String PROPERTY_SOURCE_NAME = "tiersyncDemo";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty(DEMO_PROPERTY, Boolean.class, false)) {
      return;
    }
    String home = environment.getProperty("tiersync.home");
    if (home == null || home.isBlank()) {
      return;
    }
    DemoWorkspace demo = new DemoWorkspace(DemoWorkspace.rootOf(TiersyncProperties.absolute(Path.of(home))));
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                PROPERTY_SOURCE_NAME,
                Map.of(
                    "tiersync.collections", demo.collectionsRoot().toString(),
                    "tiersync.project-roots", demo.projectsRoot().toString())));
  }

  /** Runs after the configuration files are loaded, so {@code tiersync.home} has its default. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
