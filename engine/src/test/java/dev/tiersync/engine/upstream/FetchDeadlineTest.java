package dev.tiersync.engine.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FetchDeadlineTest {
  private static final String URL = "https://git.example.com/team/skills.git";
  private final FetchDeadline deadline = new FetchDeadline();

  @AfterEach
  void close() {
    deadline.close();
  }

  @Test
  void run_pastTheLimit_timesOut_andTellsTheFetchToCancel() throws Exception {
    CountDownLatch sawCancel = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                deadline.run(
                    URL,
                    Duration.ofMillis(200),
                    null,
                    progress -> {
                      while (!progress.isCancelled()) {
                        sleep(10);
                      }
                      sawCancel.countDown();
                      // As MirrorFetcher does when its progress cancels.
                      throw new CancellationException("cancelled");
                    }))
        .isInstanceOfSatisfying(
            UpstreamTimeoutException.class,
            e -> {
              assertThat(e.url()).isEqualTo(URL);
              assertThat(e.limit()).isEqualTo(Duration.ofMillis(200));
            });
    assertThat(sawCancel.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void run_aFailureWithinTheLimit_isThrownAsItIs() {
    UpstreamRepositoryNotFoundException missing =
        new UpstreamRepositoryNotFoundException(URL, "not found", null);

    assertThatThrownBy(
            () ->
                deadline.run(
                    URL,
                    Duration.ofSeconds(30),
                    null,
                    progress -> {
                      throw missing;
                    }))
        .isSameAs(missing);
  }

  @Test
  void run_cancelledByTheCaller_isACancellation_notATimeout() {
    assertThatThrownBy(
            () ->
                deadline.run(
                    URL,
                    Duration.ofSeconds(30),
                    UpstreamParts.CANCELLED,
                    progress -> {
                      if (progress.isCancelled()) {
                        throw new CancellationException("cancelled");
                      }
                    }))
        .isInstanceOf(CancellationException.class);
  }

  @Test
  void run_withinTheLimit_returnsAndPassesProgressOn() throws Exception {
    StringBuilder phases = new StringBuilder();

    deadline.run(
        URL, Duration.ofSeconds(30), (phase, done, total) -> phases.append(phase), p -> p.update("connecting", 0, 0));

    assertThat(phases.toString()).isEqualTo("connecting");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
