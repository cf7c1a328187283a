package dev.tiersync.app.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of job transitions (the UI's toasts). Each subscriber gets an event named
 * {@code job} carrying the job's status document whenever its state, phase or percentage changes,
 * an event named {@code drift} for each status transition the drift watch sees, and a comment
 * every 15 s so proxies keep the stream open.
 */
@Component
public class JobEventStream implements DisposableBean {
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);
  /** A job's event: relayed by id, the other instances read its status from the shared store. */
  static final String JOB = "job";

  private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-keepalive");
        t.setDaemon(true);
        return t;
      });

  private final EventRelay relay;
  private final ObjectMapper json;

  /** One instance alone, for tests. */
  JobEventStream() {
    this(EventRelay.NONE, new ObjectMapper());
  }

  @Autowired
  JobEventStream(EventRelay relay, ObjectMapper json) {
    this.relay = relay;
    this.json = json;
    keepalive.scheduleAtFixedRate(this::ping, KEEPALIVE.toSeconds(), KEEPALIVE.toSeconds(), TimeUnit.SECONDS);
  }

  /** A new subscription; it lives until the client goes away. */
  public SseEmitter subscribe() {
    SseEmitter emitter = new SseEmitter(0L);
    emitters.add(emitter);
    emitter.onCompletion(() -> emitters.remove(emitter));
    emitter.onTimeout(() -> emitters.remove(emitter));
    emitter.onError(e -> emitters.remove(emitter));
    try {
      emitter.send(SseEmitter.event().comment("subscribed"));
    } catch (IOException e) {
      emitters.remove(emitter);
    }
    return emitter;
  }

  public void broadcast(Object jobStatus, String jobId) {
    broadcast(JOB, jobStatus, jobId);
  }

  /**
   * Sends an event of another kind (the drift watch's {@code drift}) to every subscriber, of this
   * instance and, through the {@link EventRelay}, of the others sharing the job store.
   */
  public void broadcast(String name, Object data, String id) {
    broadcastHere(name, data, id);
    relay.send(name, id, JOB.equals(name) ? null : json(data));
  }

  /** Sends an event to this instance's subscribers only (one another instance relayed). */
  void broadcastHere(String name, Object data, String id) {
    for (SseEmitter e : emitters) {
      try {
        e.send(SseEmitter.event().name(name).id(id).data(data, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException ex) {
        emitters.remove(e);
      }
    }
  }

  public int subscribers() {
    return emitters.size();
  }

  private String json(Object data) {
    try {
      return json.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private void ping() {
    for (SseEmitter e : emitters) {
      try {
        e.send(SseEmitter.event().comment("keepalive"));
      } catch (IOException | IllegalStateException ex) {
        emitters.remove(e);
      }
    }
  }

  @Override
  public void destroy() {
    keepalive.shutdownNow();
    for (SseEmitter e : emitters) {
      e.complete();
    }
  }
}
