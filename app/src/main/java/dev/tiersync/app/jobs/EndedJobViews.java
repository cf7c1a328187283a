package dev.tiersync.app.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The status documents of recently read ended jobs, kept in memory. An ended job never changes
 * again (later publishes are ignored, see {@link JobEventPublisher}), so a poll of one answers from
 * here without a store query or a JSON parse; running jobs are always read from the store, which
 * also keeps several app instances sharing one store consistent.
 */
@Component
final class EndedJobViews {
  static final int CAPACITY = 10_000;

  private final Map<String, JobView> views =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JobView> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized Optional<JobView> get(String jobId) {
    return Optional.ofNullable(views.get(jobId));
  }

  /** Remembers the view when its job has ended; ignores any other. */
  synchronized void remember(JobView view) {
    if (JobStates.terminal(view.state())) {
      views.put(view.jobId(), view);
    }
  }

  /** Forgets everything, e.g. after old jobs were removed from the store. */
  synchronized void clear() {
    views.clear();
  }
}
