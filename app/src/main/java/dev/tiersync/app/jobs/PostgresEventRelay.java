package dev.tiersync.app.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event relay of instances that share a PostgreSQL job store: {@code NOTIFY} on one channel,
 * {@code LISTEN} on a connection of its own. PostgreSQL delivers a notification to every listening
 * session once its transaction commits, in order, and keeps nothing for a session that was not
 * listening: an instance that reconnects has missed what was said meanwhile, which only costs its
 * subscribers live updates (job states are in the store).
 *
 * <p>A notification's payload is at most 8,000 bytes. A job's event carries only its id (the
 * receiver reads the status from the store); a drift event carries its data, or, when that is too
 * large (an upstream that moved by many commits), only its id: the receiver then reads the event
 * from the audit log, where the publishing instance recorded it first.
 */
public final class PostgresEventRelay implements EventRelay {
  static final String CHANNEL = "tiersync_events";
  /** PostgreSQL refuses payloads of 8,000 bytes or more. */
  static final int MAX_PAYLOAD_BYTES = 7_999;

  private static final Logger log = LoggerFactory.getLogger(PostgresEventRelay.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration RECONNECT = Duration.ofSeconds(2);

  private final DataSource sending;
  private final String url;
  private final String user;
  private final String password;
  private final String instance;
  private volatile boolean closed;
  private Thread listener;

  /**
   * @param sending the store's pool, for {@code NOTIFY}
   * @param url the store's JDBC URL, for the listening connection (a session of its own: a pooled
   *     one would be recycled and stop listening)
   * @param instance this instance's id, so that it ignores its own events
   */
  public PostgresEventRelay(DataSource sending, String url, String user, String password, String instance) {
    this.sending = sending;
    this.url = url;
    this.user = user;
    this.password = password;
    this.instance = instance;
  }

  @Override
  public void send(String name, String id, String json) {
    String header = instance + '\n' + name + '\n' + id + '\n';
    String payload = header + (json == null ? "" : json);
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      log.debug("{} event {} is relayed by id: its data ({} characters) is too large for a notification", name, id, json.length());
      payload = header;
    }
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      log.warn("{} event {} cannot be relayed: even its id is too large for a notification", name, id);
      return;
    }
    try (Connection c = sending.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, CHANNEL);
      s.setString(2, payload);
      s.execute();
    } catch (SQLException | RuntimeException e) {
      log.warn("could not relay {} event {} to the other instances: {}", name, id, e.getMessage());
    }
  }

  @Override
  public synchronized void start(Receiver receiver) {
    if (listener != null) {
      throw new IllegalStateException("the relay is already started");
    }
    listener = new Thread(() -> listen(receiver), "event-relay");
    listener.setDaemon(true);
    listener.start();
  }

  private void listen(Receiver receiver) {
    while (!closed) {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        log.info("listening for the other instances' events");
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
          if (notifications != null) {
            for (PGNotification n : notifications) {
              deliver(receiver, n.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (!closed) {
          log.warn("event relay lost its connection ({}); reconnecting in {} s", e.getMessage(), RECONNECT.toSeconds());
          pause();
        }
      }
    }
  }

  private void deliver(Receiver receiver, String payload) {
    String[] parts = payload.split("\n", 4);
    if (parts.length < 4 || parts[0].equals(instance)) {
      return;
    }
    try {
      receiver.received(parts[1], parts[2], parts[3].isEmpty() ? null : parts[3]);
    } catch (RuntimeException e) {
      log.warn("could not pass on {} event {} from instance {}: {}", parts[1], parts[2], parts[0], e.getMessage());
    }
  }

  private void pause() {
    try {
      Thread.sleep(RECONNECT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = listener;
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(POLL.multipliedBy(3).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
