package dev.tiersync.app.temporal;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's test server behind a real gRPC port on 127.0.0.1, standing in for an external cluster.
 *
 * <p>{@code TestServer.createPortBoundServer} would bind every interface, so this does the same
 * thing on the loopback address only. It uses the test server's internal classes; if a Temporal
 * upgrade moves them, this helper is the one place to adapt.
 */
final class LoopbackTemporalServer implements AutoCloseable {

  private final TestServicesStarter services;
  private final Server server;

  private LoopbackTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  static LoopbackTemporalServer start() {
    // Time skipping locked: the server runs in real time, as a real cluster would.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      ServerBuilder<?> builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      return new LoopbackTemporalServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port}, the form {@code TEMPORAL_ADDRESS} takes. */
  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdown();
    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
      server.shutdownNow();
    }
    services.close();
  }
}
