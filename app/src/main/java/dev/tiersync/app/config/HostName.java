package dev.tiersync.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine's host name, the default of {@code TIERSYNC_INSTANCE_ID} and {@code TIERSYNC_HOST_ID}. */
final class HostName {
  /** The longest instance id (it becomes part of a file name). */
  static final int MAX_LENGTH = 64;

  private HostName() {}

  /** The host name as an instance id: see {@link #asId}. */
  static String local() {
    String name;
    try {
      name = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // A host name that does not resolve: the JDK reports it as "name: name: reason".
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(':');
      name = colon > 0 ? message.substring(0, colon) : "localhost";
    }
    return asId(name);
  }

  /**
   * A host name made a valid instance id, so that a default never fails start-up the way a
   * mistyped {@code TIERSYNC_INSTANCE_ID} does: characters other than letters, digits, '.', '_'
   * and '-' become '-', leading ones that are not a letter or digit are dropped, and a name longer
   * than {@value #MAX_LENGTH} characters (a long fully qualified name) is cut.
   */
  static String asId(String hostName) {
    String id = hostName.replaceAll("[^A-Za-z0-9._-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
    if (id.length() > MAX_LENGTH) {
      id = id.substring(0, MAX_LENGTH);
    }
    return id.isEmpty() ? "localhost" : id;
  }
}
