package dev.tiersync.app.patch;

import dev.tiersync.app.api.ApiException;
import dev.tiersync.app.config.TiersyncProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Limits patch exports per API token ({@code SYNC_PATCH_RATE_LIMIT} per minute): each export
 * reads the project and upstream, writes a bundle and runs a trial apply, so one client looping
 * must not starve the others. A refused request is a 429 with {@code Retry-After} in seconds.
 */
@Component
class PatchExportLimiter {
  private final RateLimiterRegistry limiters;

  PatchExportLimiter(TiersyncProperties properties) {
    this.limiters =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(properties.sync().patchRateLimit())
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
  }

  /**
   * Takes one export permit for {@code principal}.
   *
   * @throws ApiException 429 with the seconds until a permit frees up
   */
  void acquire(String principal) {
    RateLimiter limiter = limiters.rateLimiter("patch-export:" + principal);
    if (!limiter.acquirePermission()) {
      long nanos = waitNanos(limiter);
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
      throw ApiException.tooManyRequests(
          "patch exports are limited to " + limiter.getRateLimiterConfig().getLimitForPeriod()
              + " a minute per API token; retry in " + seconds + " s",
          seconds);
    }
  }

  private static long waitNanos(RateLimiter limiter) {
    return limiter instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic
        ? atomic.getDetailedMetrics().getNanosToWait()
        : TimeUnit.MINUTES.toNanos(1);
  }
}
