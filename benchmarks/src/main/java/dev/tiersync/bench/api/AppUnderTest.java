package dev.tiersync.bench.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app as a process on a free loopback port with the bench workspace's environment.
 * Its pid goes into {@code pidDir} while it runs, so that {@code scripts/bench.sh} can stop it even
 * if this driver dies.
 */
final class AppUnderTest implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path pidFile;
  private final Path log;

  private AppUnderTest(Process process, int port, Path pidFile, Path log) {
    this.process = process;
    this.port = port;
    this.pidFile = pidFile;
    this.log = log;
  }

  /**
   * Starts {@code jar} with {@code jvmArgs} and {@code env} and waits until /actuator/health
   * answers 200.
   */
  static AppUnderTest start(Path jar, List<String> jvmArgs, Map<String, String> env, Path pidDir, Path log)
      throws Exception {
    int port = FreePort.find();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--server.port=" + port);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    Process p = pb.start();
    Files.createDirectories(pidDir);
    Path pidFile = pidDir.resolve("app-" + p.pid() + ".pid");
    Files.writeString(pidFile, Long.toString(p.pid()));
    AppUnderTest app = new AppUnderTest(p, port, pidFile, log);
    try {
      app.awaitHealthy(Duration.ofSeconds(180));
    } catch (Exception e) {
      app.close();
      throw e;
    }
    return app;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, as in a crash or power loss: the app gets no chance to clean up. */
  void kill9() throws InterruptedException, IOException {
    process.destroyForcibly().waitFor();
    Files.deleteIfExists(pidFile);
  }

  /** Resident set size now and at its peak (VmRSS, VmHWM), in bytes; -1 where /proc has none. */
  long[] rss() {
    try {
      long rss = -1;
      long hwm = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kib(line);
        }
      }
      return new long[] {rss, hwm};
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
  }

  /**
   * CPU time the app's process has used so far (user + system, from /proc/PID/stat, in clock
   * ticks of 10 ms, Linux's fixed USER_HZ), in milliseconds; -1 where /proc has none.
   */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Asks the JVM for a full GC (jcmd), so that a following heap sample shows the live heap. */
  void gc() throws Exception {
    Process p =
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor(60, TimeUnit.SECONDS);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("app exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("app did not become healthy; see " + log);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    Files.deleteIfExists(pidFile);
  }
}
