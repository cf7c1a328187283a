package dev.tiersync.app.temporal;

import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the workers once every bean exists and stops them gracefully on shutdown.
 *
 * <p>The phase puts workers before the web server: they are polling before the first request can
 * start a job, and they stop only after the server has stopped taking requests. Spring destroys the
 * embedded Temporal server after all lifecycles have stopped, so workers never poll a closed
 * server. The server and {@code tiersync agent} each run their workers through one.
 */
public final class TemporalWorkerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerLifecycle.class);

  /** Below the web server start/stop phase ({@code Integer.MAX_VALUE - 2048}). */
  static final int PHASE = Integer.MAX_VALUE - 4096;

  private static final long SHUTDOWN_WAIT_SECONDS = 10;

  private final WorkerFactory factory;
  private final String started;
  private volatile boolean running;

  /** @param started the line logged once the workers poll: which queues, for whom */
  public TemporalWorkerLifecycle(WorkerFactory factory, String started) {
    this.factory = factory;
    this.started = started;
  }

  @Override
  public void start() {
    factory.start();
    running = true;
    log.info(started);
  }

  @Override
  public void stop() {
    running = false;
    factory.shutdown();
    factory.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      log.warn("Temporal workers did not stop within {} s; forcing", SHUTDOWN_WAIT_SECONDS);
      factory.shutdownNow();
    }
    log.info("Temporal workers stopped");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
