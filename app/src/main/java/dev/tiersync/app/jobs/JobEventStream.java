package dev.tiersync.app.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
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

  private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-keepalive");
        t.setDaemon(true);
        return t;
      });

  JobEventStream() {
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
    broadcast("job", jobStatus, jobId);
  }

  /** Sends an event of another kind (the drift watch's {@code drift}) to every subscriber. */
  public void broadcast(String name, Object data, String id) {
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
