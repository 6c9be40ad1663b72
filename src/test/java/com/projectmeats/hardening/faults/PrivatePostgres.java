package com.projectmeats.hardening.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the fault suites' own, in a temporary directory on a free port, run as
 * the postgres OS user: it can be killed, frozen and restarted without touching the server that
 * other tests share on 5432.
 */
final class PrivatePostgres implements AutoCloseable {
  private final Path bin;
  private final Path data;
  private final int port;

  private PrivatePostgres(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  static PrivatePostgres start() throws Exception {
    Path bin;
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      bin =
          versions
              .map(v -> v.resolve("bin"))
              .filter(b -> Files.isExecutable(b.resolve("initdb")))
              .max(Comparator.comparing(Path::toString))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no PostgreSQL server binaries under /usr/lib/postgresql"));
    }
    Path data = Files.createTempDirectory("pm-faults-pg");
    run("chown", "postgres:postgres", data.toString());
    int port = com.projectmeats.testing.ServiceProcess.freePort();
    PrivatePostgres pg = new PrivatePostgres(bin, data, port);
    pg.asPostgres(
        bin.resolve("initdb").toString(),
        "-D",
        data.resolve("cluster").toString(),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8",
        "--no-locale");
    pg.up();
    try (Connection c = pg.admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE projectmeats");
    }
    return pg;
  }

  int port() {
    return port;
  }

  String databaseUrl() {
    return "postgres://postgres@127.0.0.1:" + port + "/projectmeats";
  }

  Connection admin() throws Exception {
    return connect("postgres");
  }

  Connection connect(String database) throws Exception {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&connectTimeout=5");
  }

  /** Starts the server and waits until it accepts connections. */
  void up() throws Exception {
    asPostgres(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.resolve("cluster").toString(),
        "-l",
        data.resolve("server.log").toString(),
        "-o",
        "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=100",
        "-w",
        "-t",
        "60",
        "start");
  }

  /** Kills the server the way a crash would: no checkpoint, no goodbye to clients. */
  void killImmediately() throws Exception {
    asPostgres(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.resolve("cluster").toString(),
        "-m",
        "immediate",
        "-w",
        "stop");
  }

  /**
   * SIGSTOP (or SIGCONT) to the postmaster and every backend: connections stay open, nothing
   * answers.
   */
  void signalAll(String signal) throws Exception {
    long postmaster =
        Long.parseLong(
            Files.readAllLines(data.resolve("cluster").resolve("postmaster.pid")).get(0).trim());
    List<String> pids = new ArrayList<>();
    pids.add(Long.toString(postmaster));
    ProcessHandle.of(postmaster)
        .ifPresent(p -> p.descendants().forEach(d -> pids.add(Long.toString(d.pid()))));
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    command.addAll(pids);
    run(command.toArray(String[]::new));
  }

  String serverLog() throws IOException {
    Path log = data.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void asPostgres(String... command) throws Exception {
    List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    full.addAll(List.of(command));
    run(full.toArray(String[]::new));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      signalAll("CONT");
    } catch (Exception ignored) {
      // not stopped, or already gone
    }
    try {
      asPostgres(
          bin.resolve("pg_ctl").toString(),
          "-D",
          data.resolve("cluster").toString(),
          "-m",
          "immediate",
          "stop");
    } catch (Exception ignored) {
      // already down
    }
    run("rm", "-rf", data.toString());
  }

  static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }
}
