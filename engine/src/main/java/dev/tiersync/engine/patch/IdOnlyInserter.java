package dev.tiersync.engine.patch;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.transport.PackParser;

/**
 * Lets {@link PatchApplier} work in memory against a mirror that must stay read-only: it computes
 * the ids of the objects it is given and stores nothing.
 */
final class IdOnlyInserter extends ObjectInserter {
  private final Repository repo;
  private final List<ObjectReader> readers = new ArrayList<>();

  IdOnlyInserter(Repository repo) {
    this.repo = repo;
  }

  @Override
  public ObjectId insert(int objectType, long length, InputStream in) throws IOException {
    return idFor(objectType, length, in);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("a trial apply stores no objects");
  }

  @Override
  public ObjectReader newReader() {
    ObjectReader r = repo.newObjectReader();
    readers.add(r);
    return r;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    readers.forEach(ObjectReader::close);
  }
}
