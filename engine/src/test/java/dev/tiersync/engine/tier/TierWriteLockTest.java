package dev.tiersync.engine.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tier writer lock excludes threads of this process and other processes. */
class TierWriteLockTest {
  @TempDir Path tmp;

  @Test
  void threads_neverOverlap_andEveryReadModifyWriteSurvives() throws Exception {
    Path counter = tmp.resolve("counter");
    Files.writeString(counter, "0");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    int threads = 16;
    int rounds = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      all.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    TierWriteLock.run(
                        tmp,
                        () -> {
                          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          int n = Integer.parseInt(Files.readString(counter));
                          AtomicFiles.write(counter, Integer.toString(n + 1).getBytes(StandardCharsets.UTF_8));
                          inside.decrementAndGet();
                        });
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              java.util.concurrent.Executors.newSingleThreadExecutor()));
    }
    start.countDown();
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

    assertThat(Files.readString(counter)).isEqualTo(Integer.toString(threads * rounds));
    assertThat(maxInside).hasValue(1);
  }

  @Test
  void reentry_bySameThread_doesNotDeadlock() throws Exception {
    String seen = TierWriteLock.call(tmp, () -> TierWriteLock.call(tmp, () -> "inner"));
    assertThat(seen).isEqualTo("inner");
  }

  @Test
  void anotherProcess_holdingTheLock_keepsThisOneOut_untilItReleases() throws Exception {
    Process holder = startHolder();
    try {
      CompletableFuture<Long> entered = enterInBackground();
      // The other process holds the lock: this one must still be waiting.
      Thread.sleep(500);
      assertThat(entered).isNotDone();

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(entered.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aProcessKilledWhileHolding_leavesNoLockBehind() throws Exception {
    Process holder = startHolder();
    CompletableFuture<Long> entered = enterInBackground();
    Thread.sleep(300);
    assertThat(entered).isNotDone();

    holder.destroyForcibly().waitFor();

    assertThat(entered.get(30, TimeUnit.SECONDS)).isPositive();
    assertThat(tmp.resolve(TierWriteLock.LOCK_FILE)).exists();
  }

  private CompletableFuture<Long> enterInBackground() {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return TierWriteLock.call(tmp, System::nanoTime);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        java.util.concurrent.Executors.newSingleThreadExecutor());
  }

  /** Starts a second JVM holding the lock of {@code tmp}; returns once it says so. */
  private Process startHolder() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TierWriteLockHolder.class.getName(),
                tmp.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("locked");
    return p;
  }
}
