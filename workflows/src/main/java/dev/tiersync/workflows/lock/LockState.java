package dev.tiersync.workflows.lock;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A lock's holder and waiters; carried across continue-as-new and answered by its query. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LockState(LockRequest holder, List<LockRequest> waiting) {
  public LockState {
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }
}
