package dev.tiersync.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a loopback port answering canned documents, for tests of the commands
 * without the app: it records every request and answers by method and path.
 */
final class FakeServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Request(String method, String pathAndQuery, String authorization, String body) {}

  /** A canned answer. */
  record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, Integer> answered = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Answers {@code METHOD /path} (the query is ignored) with JSON; quotes may be written as '.
   * {@link #thenJson} queues further answers.
   */
  FakeServer json(String methodAndPath, String json) {
    return answer(methodAndPath, 200, "application/json", json.replace('\'', '"'));
  }

  FakeServer answer(String methodAndPath, int status, String contentType, String body) {
    answers.put(
        methodAndPath, new CopyOnWriteArrayList<>(List.of(new Answer(status, contentType, body))));
    answered.remove(methodAndPath);
    return this;
  }

  /** Answers the next request to {@code METHOD /path} with this JSON (the last answer repeats). */
  FakeServer thenJson(String methodAndPath, String json) {
    answers.get(methodAndPath).add(new Answer(200, "application/json", json.replace('\'', '"')));
    return this;
  }

  List<Request> requests() {
    return requests;
  }

  /** The last request to a path (query left out), or null. */
  Request last(String path) {
    Request found = null;
    for (Request r : requests) {
      if (r.pathAndQuery().split("\\?")[0].equals(path)) {
        found = r;
      }
    }
    return found;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path + (query == null ? "" : "?" + query),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    String route = exchange.getRequestMethod() + " " + path;
    List<Answer> canned = answers.get(route);
    Answer answer;
    if (canned != null) {
      answer = canned.get(Math.min(answered.merge(route, 1, Integer::sum) - 1, canned.size() - 1));
    } else {
      answer =
          new Answer(
              404,
              "application/problem+json",
              "{\"status\":404,\"title\":\"Not Found\",\"detail\":\"no route " + path + "\"}");
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
