package dev.tiersync.app.jobs;

/**
 * Carries the event stream's events ({@code job}, {@code drift}) to the other app instances that
 * share the job store, and theirs to this one, so that a client subscribed to any instance sees
 * every event whichever instance's worker ran the job. A single instance (the SQLite and JSONL
 * stores) relays nothing: {@link #NONE}.
 */
public interface EventRelay extends AutoCloseable {
  /** One instance alone: nothing to send, nothing to hear. */
  EventRelay NONE =
      new EventRelay() {
        @Override
        public void send(String name, String id, String json) {}

        @Override
        public void start(Receiver receiver) {}

        @Override
        public void close() {}
      };

  /** What the other instances' events are handed to. */
  @FunctionalInterface
  interface Receiver {
    /**
     * @param json the event's data, or null for a job's event: its status is read from the shared
     *     store, which holds it already and is not limited in size
     */
    void received(String name, String id, String json);
  }

  /**
   * Tells the other instances that the event {@code name}/{@code id} was broadcast here. Never
   * throws: a relay that cannot send costs the other instances' subscribers a live update (they
   * still see the job's state when they read it), not the job its transition.
   *
   * @param json the event's data, or null when receivers read it from the store
   */
  void send(String name, String id, String json);

  /** Starts handing the other instances' events to {@code receiver} (on a thread of its own). */
  void start(Receiver receiver);

  @Override
  void close();
}
