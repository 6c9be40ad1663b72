package com.projectmeats.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service as an operator runs it: its own JVM, configured only by environment variables. */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int port;

  private ServiceProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  public static ServiceProcess start(Map<String, String> env, String... args) throws IOException {
    return startFrom(System.getProperty("java.class.path"), env, args);
  }

  /**
   * Started from the given class path instead of the tests' own (say, a copy that a test may then
   * break).
   */
  public static ServiceProcess startFrom(String classPath, Map<String, String> env, String... args)
      throws IOException {
    return startFrom(classPath, null, env, args);
  }

  /**
   * Started in the given working directory (null: the tests' own), as a user may start it from any
   * folder.
   */
  public static ServiceProcess startIn(
      Path workingDirectory, Map<String, String> env, String... args) throws IOException {
    return startFrom(System.getProperty("java.class.path"), workingDirectory, env, args);
  }

  private static ServiceProcess startFrom(
      String classPath, Path workingDirectory, Map<String, String> env, String... args)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                "com.projectmeats.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workingDirectory != null) {
      pb.directory(workingDirectory.toFile());
    }
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    int port = freePort();
    pb.environment().put("PORT", Integer.toString(port));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("service", ".log");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    return new ServiceProcess(pb.start(), out, port);
  }

  /** Runs a command to its end and returns its exit code and output. */
  public static Result run(Map<String, String> env, String... args) throws Exception {
    try (ServiceProcess p = start(env, args)) {
      int code = p.waitFor(Duration.ofSeconds(60));
      return new Result(code, p.output());
    }
  }

  public record Result(int exitCode, String output) {}

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public Http http() {
    return new Http(port);
  }

  public long pid() {
    return process.pid();
  }

  public String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /** Waits until /healthz answers 200, or fails with what the process printed. */
  public void awaitHealthy(Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (http().get("/healthz").status() == 200) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("not healthy within " + limit + ":\n" + output());
  }

  public void signal(String name) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
  }

  public int waitFor(Duration limit) throws Exception {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("still running after " + limit + ":\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
