package dev.tiersync.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The machine's host name, the default of {@code TIERSYNC_INSTANCE_ID}. */
final class HostName {
  private HostName() {}

  static String local() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      // A host name that does not resolve: the JDK reports it as "name: name: reason".
      String message = String.valueOf(e.getMessage());
      int colon = message.indexOf(':');
      return colon > 0 ? message.substring(0, colon) : "localhost";
    }
  }
}
