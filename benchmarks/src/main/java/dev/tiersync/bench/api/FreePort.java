package dev.tiersync.bench.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A free loopback port: for the app, and printed for scripts/bench.sh's Temporal dev server. */
public final class FreePort {
  private FreePort() {}

  public static void main(String[] args) throws IOException {
    System.out.println(find());
  }

  static int find() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
