package dev.tiersync.app.config;

/**
 * Names of the append-only files an instance writes in the data dir (the job store's JSONL mirror,
 * the audit log). Such a file takes one writer: alone (the SQLite and JSONL stores) an instance
 * writes {@code <stem>.jsonl}; instances sharing a PostgreSQL store may share the data dir, so each
 * writes {@code <stem>-<instance id>.jsonl} (the id claimed by {@link InstanceLock}).
 */
public final class InstanceFiles {
  private InstanceFiles() {}

  public static String jsonl(String stem, TiersyncProperties.JobStore mode, String instanceId) {
    return mode == TiersyncProperties.JobStore.POSTGRES ? stem + "-" + instanceId + ".jsonl" : stem + ".jsonl";
  }
}
