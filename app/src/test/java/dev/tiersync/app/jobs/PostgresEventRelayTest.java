package dev.tiersync.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tiersync.app.PostgresServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events relayed between two instances through a real PostgreSQL server (NOTIFY / LISTEN). */
class PostgresEventRelayTest {
  private static PostgresServer server;
  private static HikariDataSource pool;

  private PostgresEventRelay a;
  private PostgresEventRelay b;
  private final List<String> heardByA = new CopyOnWriteArrayList<>();
  private final List<String> heardByB = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startServer() {
    server = PostgresServer.start();
    pool = new HikariDataSource();
    pool.setJdbcUrl(server.url());
    pool.setUsername(server.user());
    pool.setPassword(server.password());
    pool.setMaximumPoolSize(2);
  }

  @AfterAll
  static void stopServer() {
    pool.close();
    server.close();
  }

  @BeforeEach
  void startRelays() throws Exception {
    a = relay("a", heardByA);
    b = relay("b", heardByB);
    // LISTEN runs on the relays' own threads; a marker from a third instance shows both listen.
    PostgresEventRelay marker = new PostgresEventRelay(pool, server.url(), server.user(), server.password(), "marker");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!(heardByA.contains("ready ready -") && heardByB.contains("ready ready -"))) {
      assertThat(System.nanoTime()).as("both relays listen").isLessThan(deadline);
      marker.send("ready", "ready", null);
      Thread.sleep(100);
    }
    heardByA.clear();
    heardByB.clear();
  }

  @AfterEach
  void closeRelays() {
    a.close();
    b.close();
  }

  @Test
  void anEventSentByOneInstance_reachesTheOther_inOrder_andNotItself() throws Exception {
    a.send("job", "job-1", null);
    a.send("drift", "drift-1", "{\"artifact_id\":\"skill:a\",\"to\":\"outdated\"}");
    a.send("job", "job-1", null);
    b.send("job", "job-2", null);

    await(heardByB, 3);
    await(heardByA, 1);
    assertThat(heardByB)
        .containsExactly("job job-1 -", "drift drift-1 {\"artifact_id\":\"skill:a\",\"to\":\"outdated\"}", "job job-1 -");
    assertThat(heardByA).containsExactly("job job-2 -");
  }

  @Test
  void anEventTooLargeForANotification_isRelayedByItsIdAlone() throws Exception {
    String large = "{\"log\":\"" + "x".repeat(PostgresEventRelay.MAX_PAYLOAD_BYTES) + "\"}";

    a.send("drift", "drift-large", large);
    a.send("drift", "drift-small", "{}");

    await(heardByB, 2);
    assertThat(heardByB).containsExactly("drift drift-large -", "drift drift-small {}");
  }

  @Test
  void aReceiverThatFails_doesNotStopTheRelay() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (PostgresEventRelay c = new PostgresEventRelay(pool, server.url(), server.user(), server.password(), "c")) {
      c.start((name, id, json) -> {
        heard.add(id);
        if (id.equals("boom")) {
          throw new IllegalStateException("receiver failed");
        }
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!heard.contains("ping")) {
        assertThat(System.nanoTime()).as("c listens").isLessThan(deadline);
        a.send("job", "ping", null);
        Thread.sleep(100);
      }
      a.send("job", "boom", null);
      a.send("job", "after", null);
      while (!heard.contains("after")) {
        assertThat(System.nanoTime()).as("the event after the failed one arrives").isLessThan(deadline);
        Thread.sleep(20);
      }
      assertThat(heard).containsSubsequence("boom", "after");
    }
  }

  private static PostgresEventRelay relay(String instance, List<String> heard) {
    PostgresEventRelay relay = new PostgresEventRelay(pool, server.url(), server.user(), server.password(), instance);
    relay.start((name, id, json) -> heard.add(name + " " + id + " " + (json == null ? "-" : json)));
    return relay;
  }

  private static void await(List<String> heard, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (heard.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // Anything sent after the awaited events would have arrived by now too, in order.
    Thread.sleep(300);
  }
}
