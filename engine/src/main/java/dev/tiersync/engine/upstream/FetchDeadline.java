package dev.tiersync.engine.upstream;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a fetch with a limit on its total time, not only on each network read: a remote that
 * trickles bytes, or a lock held by a stalled fetch of the same url, would otherwise keep the
 * caller waiting for as long as that lasts. The fetch runs on a worker thread; when the limit
 * passes the caller gets an {@link UpstreamTimeoutException} at once, and the worker is told to
 * cancel, which it does at its next progress check or when its own network read times out (a
 * blocked socket read does not notice interrupts).
 */
final class FetchDeadline implements AutoCloseable {
  /** A fetch that reports to, and honours the cancellation of, the progress it is given. */
  interface Fetch {
    void run(FetchProgress progress) throws UpstreamUnavailableException;
  }

  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          task -> {
            Thread t = new Thread(task, "upstream-fetch");
            t.setDaemon(true);
            return t;
          });

  /**
   * Runs {@code fetch} and waits at most {@code limit} for it.
   *
   * @param progress the caller's progress; may be null
   * @throws UpstreamTimeoutException if the limit passed first
   * @throws UpstreamUnavailableException as the fetch throws it
   * @throws CancellationException if the caller's progress cancelled the fetch
   */
  void run(String url, Duration limit, FetchProgress progress, Fetch fetch)
      throws UpstreamUnavailableException {
    FetchProgress caller = progress == null ? FetchProgress.NONE : progress;
    long deadline = System.nanoTime() + limit.toNanos();
    AtomicBoolean abandoned = new AtomicBoolean();
    FetchProgress bounded =
        new FetchProgress() {
          @Override
          public void update(String phase, int done, int total) {
            caller.update(phase, done, total);
          }

          @Override
          public boolean isCancelled() {
            return abandoned.get() || System.nanoTime() - deadline >= 0 || caller.isCancelled();
          }
        };
    Future<?> running =
        workers.submit(
            () -> {
              fetch.run(bounded);
              return null;
            });
    try {
      running.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandoned.set(true);
      running.cancel(true);
      throw new UpstreamTimeoutException(url, limit, null);
    } catch (InterruptedException e) {
      abandoned.set(true);
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new UpstreamUnavailableException(url, "interrupted while fetching " + url, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      // A read that timed out, or a cancel at a progress check, after the limit is the limit's
      // doing, whatever the worker saw.
      if (System.nanoTime() - deadline >= 0 && !caller.isCancelled()) {
        throw new UpstreamTimeoutException(url, limit, cause);
      }
      if (cause instanceof UpstreamUnavailableException u) {
        throw u;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw UpstreamUnavailableException.because(url, "cannot fetch " + url, cause);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
