package dev.tiersync.app;

import dev.tiersync.app.agent.AgentApplication;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The tiersync server: REST API, web UI, job store and the Temporal worker in one process.
 *
 * <p>Started by {@code scripts/run.sh}. With no {@code TEMPORAL_ADDRESS} it also hosts Temporal's
 * in-process test server, so one command gives a working system on a laptop. With {@code agent} as
 * the first argument the jar runs as a host agent instead ({@link AgentApplication}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TiersyncApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(AgentApplication.MODE)) {
      AgentApplication.run(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SpringApplication.run(TiersyncApplication.class, args);
  }
}
