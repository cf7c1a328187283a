package dev.tiersync.engine.sync;

import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.ProjectLayout;
import java.util.Objects;

/** The collection, and optionally the project, an operation looks at. */
public record TierScope(CollectionLayout collection, ProjectLayout project) {
  public TierScope {
    Objects.requireNonNull(collection, "collection");
  }

  public boolean hasProject() {
    return project != null;
  }
}
