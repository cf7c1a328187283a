package dev.tiersync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a job to its end on the event stream, showing its {@link Progress}. The stream carries
 * every transition; a status read now and then also picks up progress inside a phase (which only
 * reads show) and carries on if the stream drops.
 *
 * <p>Ctrl-C: on a terminal it asks whether to cancel the job (yes: the job is canceled and the
 * command exits 130; no: following goes on; a second Ctrl-C while asked exits 130 and leaves the
 * job running). Off a terminal nobody can answer, so Ctrl-C exits 130 at once and the job keeps
 * running on the server.
 */
final class JobFollower {
  static final Set<String> TERMINAL = Set.of("success", "conflict", "error", "canceled");

  /** How following ended: the job's last status document, and whether this run interrupted it. */
  record Followed(JsonNode job, boolean interrupted) {}

  private static final Duration TICK = Duration.ofMillis(250);

  private final ApiClient api;
  private final Terminal terminal;
  private final Progress progress;
  private final Duration pollEvery;
  private final AtomicBoolean interrupt = new AtomicBoolean();
  private volatile boolean asking;
  private volatile String currentId;

  JobFollower(ApiClient api, Terminal terminal, Progress progress) {
    this.api = api;
    this.terminal = terminal;
    this.progress = progress;
    // A bar shows progress inside a phase, which only status reads carry; lines show transitions,
    // which the stream carries, so reads there are only a safety net.
    this.pollEvery = terminal.stderrIsTerminal() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
  }

  static boolean ended(JsonNode job) {
    return TERMINAL.contains(Json.text(job, "state"));
  }

  /**
   * Follows the job {@code job} describes until it ends.
   *
   * @param events a stream opened before the job was created (or looked up)
   */
  Followed follow(EventStream events, JsonNode job) {
    String id = Json.text(job, "job_id");
    currentId = id;
    String path = "/api/v1/sync/jobs/" + ApiClient.segment(id);
    JsonNode current = job;
    try (Interrupts ignored = Interrupts.handle(this::interrupted)) {
      long nextRead = System.nanoTime();
      while (!ended(current)) {
        progress.show(current);
        if (interrupt.getAndSet(false)) {
          Followed answer = onInterrupt(current, path);
          if (answer != null) {
            return answer;
          }
        }
        JsonNode event = events.poll(TICK);
        if (event != null && id.equals(Json.text(event, "job_id"))) {
          current = event;
        } else if (System.nanoTime() - nextRead >= 0 || events.ended()) {
          current = api.get(path);
          nextRead = System.nanoTime() + pollEvery.toNanos();
          if (events.ended()) {
            Thread.sleep(pollEvery.toMillis());
          }
        }
      }
      // The terminal event may predate the final details (log, result); read the job once more.
      current = api.get(path);
      progress.show(current);
      progress.clear();
      return new Followed(current, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      progress.clear();
      return new Followed(current, true);
    }
  }

  /** Runs on the signal thread: the loop answers the interrupt within one tick. */
  private void interrupted() {
    if (asking || !terminal.interactive()) {
      // Off a terminal nobody can answer a question; asked twice means "just go".
      progress.clear();
      terminal.err().println();
      terminal.err().println(leftRunningMessage(currentId));
      terminal.out().flush();
      System.exit(ExitCodes.INTERRUPTED);
    }
    interrupt.set(true);
  }

  private Followed onInterrupt(JsonNode job, String path) {
    progress.clear();
    asking = true;
    boolean cancel;
    try {
      cancel = terminal.confirm("\nCancel job " + Json.text(job, "job_id") + "?");
    } finally {
      asking = false;
    }
    if (!cancel) {
      terminal.err().println("Still following; to leave the job running, press Ctrl-C twice.");
      return null;
    }
    JsonNode canceled = api.delete(path);
    return new Followed(canceled, true);
  }

  static String leftRunningMessage(String jobId) {
    return "tiersync: interrupted; job "
        + jobId
        + " keeps running on the server ('tiersync wait "
        + jobId
        + "' follows it, 'tiersync cancel "
        + jobId
        + "' stops it)";
  }
}
