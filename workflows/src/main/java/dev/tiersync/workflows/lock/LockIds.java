package dev.tiersync.workflows.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lock workflow ids: one per artifact and destination tier location. Project paths are hashed
 * to keep ids short and free of path characters. Pure functions, safe in workflow code.
 */
public final class LockIds {
  private LockIds() {}

  /** The lock for an artifact in a collection. */
  public static String collection(String collectionName, String artifactId) {
    return "lock:collection:" + collectionName + ":" + artifactId;
  }

  /** The lock for an artifact in a project. */
  public static String project(String projectPath, String artifactId) {
    return "lock:project:" + shortHash(projectPath) + ":" + artifactId;
  }

  static String shortHash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JVM spec", e);
    }
  }
}
