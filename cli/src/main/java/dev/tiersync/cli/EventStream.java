package dev.tiersync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server-sent events of {@code GET /api/v1/sync/events}, read on a daemon thread: every {@code
 * job} event's status document is queued for {@link #poll}. Opened before a job is created, so that
 * none of its transitions is missed.
 *
 * <p>It speaks HTTP/1.1 on a socket of its own rather than through {@code HttpURLConnection}:
 * closing that connection's stream waits for the reading thread's lock, i.e. for the server's next
 * keep-alive comment (up to 15 s), while closing a socket ends the read at once.
 */
final class EventStream implements AutoCloseable {
  private static final JsonNode END = Json.object();
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  /** The server sends a comment every 15 s; this long without a byte means it is gone. */
  private static final int READ_TIMEOUT_MS = 60_000;

  private final Socket socket;
  private final InputStream body;
  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  private EventStream(Socket socket, InputStream body) {
    this.socket = socket;
    this.body = body;
    Thread reader = new Thread(this::read, "tiersync-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes; returns once the server has accepted the subscription. */
  static EventStream open(ApiClient api) {
    Connection connection = api.connection();
    URI server = connection.server();
    boolean tls = server.getScheme().equals("https");
    int port = server.getPort() > 0 ? server.getPort() : tls ? 443 : 80;
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(server.getHost(), port), CONNECT_TIMEOUT_MS);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      if (tls) {
        SSLSocket secure =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, server.getHost(), port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        socket = secure;
      }
      String path =
          (server.getRawPath() == null ? "" : server.getRawPath()) + "/api/v1/sync/events";
      StringBuilder request = new StringBuilder();
      request.append("GET ").append(path).append(" HTTP/1.1\r\n");
      request.append("Host: ").append(server.getRawAuthority()).append("\r\n");
      request.append("Accept: text/event-stream\r\n");
      request.append("Connection: close\r\n");
      if (connection.token() != null) {
        request.append("Authorization: Bearer ").append(connection.token()).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();

      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP answer");
      }
      int status = Integer.parseInt(parts[1]);
      boolean chunked = false;
      for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
      }
      InputStream body = chunked ? new Chunked(in) : in;
      if (status != 200) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        socket.close();
        throw api.refused(status, text);
      }
      return new EventStream(socket, body);
    } catch (IOException | NumberFormatException e) {
      closeQuietly(socket);
      throw api.unreachable(e instanceof IOException io ? io : new IOException(e.getMessage()));
    }
  }

  /**
   * The next job event within {@code timeout}, or null. Once the stream has ended (the server went
   * away) it returns null at once, and {@link #ended()} says so.
   */
  JsonNode poll(Duration timeout) throws InterruptedException {
    if (ended && events.isEmpty()) {
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
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
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

  /** Ends the subscription: the reading thread's blocked read fails at once and it ends. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing is left to release.
    }
  }

  /** One line of an HTTP head (CRLF or LF ended, ISO-8859-1), or null at the end of input. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      bytes.write(b);
    }
    if (b == -1 && bytes.size() == 0) {
      return null;
    }
    String line = bytes.toString(StandardCharsets.ISO_8859_1);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** An HTTP/1.1 chunked body, decoded. */
  static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean started;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        if (started) {
          line(in); // the CRLF that ends the previous chunk
        }
        started = true;
        String size = line(in);
        if (size == null) {
          done = true;
          return -1;
        }
        int extension = size.indexOf(';');
        left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }
}
