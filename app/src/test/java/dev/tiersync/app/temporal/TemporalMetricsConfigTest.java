package dev.tiersync.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalMetricsConfigTest {

  @Test
  void temporalTimers_getTenBuckets_otherTimersKeepTheirHistograms() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new TemporalMetricsConfig().temporalTimerBuckets());
    // As the Temporal SDK registers its timers: with a percentile histogram.
    Timer temporal = Timer.builder("temporal_request_latency").publishPercentileHistogram().register(registry);
    Timer other = Timer.builder("http_server_requests").publishPercentileHistogram().register(registry);
    temporal.record(Duration.ofMillis(7));
    other.record(Duration.ofMillis(7));

    String scrape = registry.scrape();

    assertThat(scrape.lines().filter(l -> l.startsWith("temporal_request_latency_seconds_bucket"))).hasSize(11);
    assertThat(scrape).contains("temporal_request_latency_seconds_bucket{le=\"0.01\"} 1");
    assertThat(scrape).contains("temporal_request_latency_seconds_bucket{le=\"0.005\"} 0");
    assertThat(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket")).count()).isGreaterThan(11);
  }
}
