package dev.tiersync.app.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook deliveries against a real HTTP receiver on loopback that answers what it is told. */
class WebhooksTest {
  @TempDir Path tmp;
  private HttpServer receiver;
  private final Deque<Integer> answers = new ArrayDeque<>();
  private final List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Webhooks webhooks;
  private WatchFiles files;

  @BeforeEach
  void setUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          signatures.add(exchange.getRequestHeaders().getFirst("X-Tiersync-Signature"));
          Integer status = answers.poll();
          exchange.sendResponseHeaders(status == null ? 204 : status, -1);
          exchange.close();
        });
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
    files = new WatchFiles(tmp.resolve("watch"), json);
    // With the secret given, no data dir is needed for a generated one.
    webhooks =
        new Webhooks(new WatchProperties(Duration.ofMinutes(10), List.of(url), "k"), files, json, null);
  }

  @AfterEach
  void tearDown() {
    receiver.stop(0);
  }

  private static DriftEvent event(int i) {
    return new DriftEvent(
        "e" + i, Instant.EPOCH, "c", "skill:a" + i, null, DriftEvent.UPSTREAM_EDGE, "synced",
        "outdated", "r", null, false, null, "off", null);
  }

  @Test
  void aServerError_isRetryable_thenTheDeliveryIsMadeOnce_andForgotten() throws Exception {
    List<String> ids = webhooks.write("c", "pass-1", Instant.EPOCH, List.of(event(1)));
    answers.add(503);

    assertThatThrownBy(() -> webhooks.deliver(ids.get(0)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("answered 503");
    webhooks.deliver(ids.get(0));
    webhooks.deliver(ids.get(0));

    assertThat(signatures).hasSize(2).allMatch(s -> s.startsWith("sha256=") && s.length() == 71);
    assertThat(files.undelivered()).isEmpty();
  }

  @Test
  void aClientError_isFinal_butATimeoutOrTooManyRequestsIsRetried() throws Exception {
    List<String> ids = webhooks.write("c", "pass-2", Instant.EPOCH, List.of(event(1)));
    answers.add(429);
    answers.add(404);

    assertThatThrownBy(() -> webhooks.deliver(ids.get(0))).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> webhooks.deliver(ids.get(0)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
    assertThat(files.undelivered()).isEmpty();
  }

  @Test
  void manyEvents_areSplitIntoRequestsOfAtMost500_withTheSameIdsWhenWrittenAgain() {
    List<DriftEvent> events =
        java.util.stream.IntStream.range(0, 1001).mapToObj(WebhooksTest::event).toList();

    List<String> ids = webhooks.write("c", "pass-3", Instant.EPOCH, events);

    assertThat(ids).hasSize(3);
    assertThat(webhooks.write("c", "pass-3", Instant.EPOCH, events)).isEqualTo(ids);
    assertThat(webhooks.write("c", "pass-3", Instant.EPOCH, List.of())).isEmpty();
    assertThat(files.undelivered()).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void theSignature_isTheHmacSha256OfTheBody_aKnownVector() {
    Webhooks keyed =
        new Webhooks(new WatchProperties(Duration.ofMinutes(10), List.of(), "key"), files, new ObjectMapper(), null);

    assertThat(keyed.sign("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }
}
