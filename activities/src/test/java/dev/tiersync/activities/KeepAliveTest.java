package dev.tiersync.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<String> heartbeats = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    env.close();
  }

  @ActivityInterface
  public interface Slow {
    @ActivityMethod
    String work(int millis);
  }

  @Test
  void during_heartbeatsWhileTheWorkRuns_andReturnsItsResult() {
    env.registerActivitiesImplementations(
        (Slow) millis -> {
          try {
            return KeepAlive.during(
                "slow work", Duration.ofMillis(50),
                () -> {
                  Thread.sleep(millis);
                  return "done";
                });
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    Slow slow =
        env.newActivityStub(
            Slow.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofMillis(200))
                .build());

    String result = slow.work(1200);

    assertThat(result).isEqualTo("done");
    assertThat(heartbeats)
        .as("heartbeats went out all through the work, not only at its start")
        .hasSizeGreaterThanOrEqualTo(3)
        .containsOnly("slow work");
  }

  @Test
  void during_outsideAnActivity_justRunsTheWork() throws Exception {
    assertThat(KeepAlive.during("x", () -> 42)).isEqualTo(42);
  }
}
