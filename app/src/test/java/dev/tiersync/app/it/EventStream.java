package dev.tiersync.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tiersync.app.TestDataHome;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A subscriber of {@code GET /api/v1/sync/events} over real HTTP: collects every event with its
 * name ({@code job}, {@code drift}) on a daemon thread, until the stream closes.
 */
public final class EventStream implements AutoCloseable {
  /** One server-sent event: its name and its JSON data. */
  public record Event(String name, JsonNode data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final InputStream body;

  private EventStream(InputStream body) {
    this.body = body;
  }

  /** Subscribes to the app at {@code baseUrl}; returns once the stream answered 200. */
  public static EventStream subscribe(String baseUrl) throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sync/events"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + TestDataHome.API_TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new AssertionError("the event stream answered " + response.statusCode());
    }
    EventStream stream = new EventStream(response.body());
    Thread reader = new Thread(stream::read, "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  private void read() {
    ObjectMapper json = new ObjectMapper();
    String name = "message";
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          events.add(new Event(name, json.readTree(line.substring(5))));
        } else if (line.isEmpty()) {
          name = "message";
        }
      }
    } catch (Exception e) {
      // The stream closes when the app stops or the test ends.
    }
  }

  /** Ends the subscription (an open stream would hold up the app's graceful shutdown). */
  @Override
  public void close() throws java.io.IOException {
    body.close();
  }

  /** Forgets the events collected so far. */
  public void clear() {
    events.clear();
  }

  /** The data of every event named {@code name} so far. */
  public List<JsonNode> named(String name) {
    return events.stream().filter(e -> e.name().equals(name)).map(Event::data).toList();
  }

  /** Waits until an event named {@code name} matches, and returns it. */
  public JsonNode await(String name, Predicate<JsonNode> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode e : named(name)) {
        if (match.test(e)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no matching '" + name + "' event within " + timeout + "; got " + named(name));
  }
}
