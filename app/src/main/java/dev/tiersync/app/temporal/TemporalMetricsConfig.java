package dev.tiersync.app.temporal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fewer histogram buckets for the Temporal SDK's timers. The SDK asks for Micrometer's percentile
 * histogram on each of them: 69 buckets per timer and tag set (workflow type, activity type,
 * operation), so a scrape of {@code /actuator/prometheus} grew past half a megabyte after the first
 * two jobs and by several megabytes under load; building it took long enough, and allocated enough
 * at once, to stall the requests around it. Ten fixed buckets from 1 ms to 5 min still show where a
 * latency sits.
 */
@Configuration(proxyBeanMethods = false)
class TemporalMetricsConfig {
  static final double[] BUCKETS =
      Stream.of(
              Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
              Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
              Duration.ofSeconds(30), Duration.ofMinutes(5))
          .mapToDouble(Duration::toNanos)
          .toArray();

  @Bean
  MeterFilter temporalTimerBuckets() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("temporal_")) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(BUCKETS)
            .build()
            .merge(config);
      }
    };
  }
}
