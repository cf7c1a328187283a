package dev.tiersync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The server-sent events of {@code GET /api/v1/sync/events}, read on a daemon thread: every
 * {@code job} event's status document is queued for {@link #poll}. Opened before a job is created,
 * so that none of its transitions is missed.
 */
final class EventStream implements AutoCloseable {
  private static final JsonNode END = Json.object();

  private final ApiClient.Opened response;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  private EventStream(ApiClient.Opened response) {
    this.response = response;
    Thread reader = new Thread(this::read, "tiersync-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes; returns once the server has accepted the subscription. */
  static EventStream open(ApiClient api) {
    return new EventStream(api.stream("/api/v1/sync/events"));
  }

  /**
   * The next job event within {@code timeout}, or null. Once the stream has ended (the server went
   * away) it returns null at once, and {@link #ended()} says so.
   */
  JsonNode poll(Duration timeout) throws InterruptedException {
    if (ended && events.isEmpty()) {
      Thread.sleep(timeout.toMillis());
      return null;
    }
    JsonNode next = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next == END) {
      ended = true;
      return null;
    }
    return next;
  }

  boolean ended() {
    return ended;
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      parse(
          lines,
          (name, data) -> {
            if ("job".equals(name)) {
              try {
                events.add(Json.read(data));
              } catch (JsonProcessingException e) {
                // A document this client cannot read is skipped; the follower's poll catches up.
              }
            }
          });
    } catch (IOException | UncheckedIOException e) {
      // The stream ended (closed by us, or the server went away); the follower polls from now on.
    } finally {
      events.add(END);
    }
  }

  /**
   * Reads server-sent events (the WHATWG format): {@code event:} names the event, {@code data:}
   * lines are joined with newlines, a blank line dispatches, lines starting with {@code :} are
   * comments. Calls {@code onEvent} with the name ({@code message} when none) and the data.
   */
  static void parse(BufferedReader lines, BiConsumer<String, String> onEvent) throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          onEvent.accept(name == null ? "message" : name, data.toString());
        }
        name = null;
        data = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
    }
  }

  @Override
  public void close() {
    response.close();
  }
}
