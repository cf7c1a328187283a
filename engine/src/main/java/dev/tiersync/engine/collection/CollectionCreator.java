package dev.tiersync.engine.collection;

import dev.tiersync.engine.model.ArtifactPlan;
import dev.tiersync.engine.model.ArtifactResult;
import dev.tiersync.engine.model.MergeStrategy;
import dev.tiersync.engine.model.Outcome;
import dev.tiersync.engine.model.PlanAction;
import dev.tiersync.engine.tier.CollectionLayout;
import dev.tiersync.engine.tier.CollectionLock;
import dev.tiersync.engine.tier.CollectionManifest;
import dev.tiersync.engine.tier.CollectionsRoot;
import dev.tiersync.engine.tier.TierWriteLock;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;

/**
 * Creates a collection as {@code skillmeat init --name} lays it out: a folder under the collections
 * root holding {@code collection.toml} (no artifacts) and {@code collection.lock} (no entries). A
 * collection exists once its {@code collection.toml} does; that file is written last, under the
 * collection's writer lock, so two creations of one name make one collection and the other is
 * told it exists.
 */
public final class CollectionCreator {
  /** The plan's artifact id names the collection, not an artifact: {@code collection:<name>}. */
  public static final String PLAN_PREFIX = "collection:";

  private final CollectionsRoot root;
  private final Clock clock;

  public CollectionCreator(CollectionsRoot root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /**
   * What creating the collection would write; a failed plan when it exists.
   *
   * @throws dev.tiersync.engine.model.InvalidArtifactIdException for a name that cannot be a
   *     collection's folder
   */
  public ArtifactPlan plan(String name) {
    CollectionLayout layout = root.collection(name);
    if (Files.exists(layout.manifestFile())) {
      return ArtifactPlan.failed(PLAN_PREFIX + name, exists(name), MergeStrategy.AUTO);
    }
    return new ArtifactPlan(
        PLAN_PREFIX + name, PlanAction.CREATE, null, MergeStrategy.AUTO, null, null, null, null,
        List.of(CollectionLayout.MANIFEST_FILE, CollectionLayout.LOCK_FILE), null, null, null,
        null, null);
  }

  /** Creates the collection; an error result (nothing written) when it exists by now. */
  public ArtifactResult create(String name) throws IOException {
    CollectionLayout layout = root.collection(name);
    Files.createDirectories(layout.root());
    return TierWriteLock.call(
        layout.root(),
        () -> {
          if (Files.exists(layout.manifestFile())) {
            return ArtifactResult.error(PLAN_PREFIX + name, exists(name), null);
          }
          if (!Files.exists(layout.lockFile())) {
            CollectionLock.empty().save(layout.lockFile());
          }
          CollectionManifest.create(name, clock.instant()).save(layout.manifestFile());
          return new ArtifactResult(PLAN_PREFIX + name, Outcome.CREATED, null, 2, 0, 0, null, null);
        });
  }

  private String exists(String name) {
    return "collection '" + name + "' already exists in " + root.root();
  }
}
