package dev.tiersync.bench.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the app's heap in use and RSS at a fixed interval and reports the peaks. */
final class ResourceSampler {
  private final AppUnderTest app;
  private final TiersyncClient client;
  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakRss = new AtomicLong();
  private final long intervalMillis;
  private final Thread thread;
  private volatile boolean running = true;

  private ResourceSampler(AppUnderTest app, TiersyncClient client, long intervalMillis) {
    this.app = app;
    this.client = client;
    this.intervalMillis = intervalMillis;
    this.thread = new Thread(this::loop, "resource-sampler");
    thread.setDaemon(true);
  }

  /**
   * Starts sampling every {@code intervalMillis}; each sample is a scrape of /actuator/prometheus,
   * so a short interval adds load of its own.
   */
  static ResourceSampler start(AppUnderTest app, TiersyncClient client, long intervalMillis) {
    ResourceSampler s = new ResourceSampler(app, client, intervalMillis);
    s.thread.start();
    return s;
  }

  private void loop() {
    while (running) {
      try {
        peakHeap.accumulateAndGet(client.heapUsedBytes(), Math::max);
        peakRss.accumulateAndGet(app.rss()[0], Math::max);
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // A sample that failed (the app busy past the timeout) is skipped.
      }
    }
  }

  /**
   * Stops sampling; returns peak sampled heap in use, peak sampled RSS and the kernel's RSS
   * high-water mark (VmHWM, which no sampling interval can miss) in MiB.
   */
  Map<String, Object> stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5000);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("peak_heap_used_mib", ApiBenchmark.mib(peakHeap.get()));
    m.put("peak_rss_sampled_mib", ApiBenchmark.mib(peakRss.get()));
    m.put("rss_high_water_mib", ApiBenchmark.mib(app.rss()[1]));
    return m;
  }
}
