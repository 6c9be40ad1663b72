package com.projectmeats.hardening.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while 16 clients write and a few requests are half sent: the process stops taking
 * connections, finishes every request it had begun (the half-sent ones complete once their bodies
 * arrive), keeps every write it acknowledged, and exits 0. And SIGTERM after the jar was
 * overwritten under the running process: it still ends.
 */
@Tag("faults")
class ShutdownFaultTest {

  @Test
  void sigtermUnderLoadFinishesWhatHadStartedAndExitsZero() throws Exception {
    Path dir = Files.createTempDirectory("pm-shutdown");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "DATABASE_URL",
                "sqlite:" + dir.resolve("pm.db"),
                "PASSWORD_HASH_ITERATIONS",
                "1000",
                "PROJECTMEATS_PASSWORD",
                "shutdown pass phrase 42",
                "SHUTDOWN_TIMEOUT_SECONDS",
                "20"));
    ServiceProcess.Result bootstrap =
        ServiceProcess.run(
            env,
            "create-user",
            "--email",
            "owner@example.com",
            "--company",
            "Shutdown Co",
            "--role",
            "owner");
    assertThat(bootstrap.exitCode()).as(bootstrap.output()).isZero();
    List<String> failures = new ArrayList<>();
    try (ServiceProcess service = ServiceProcess.start(env)) {
      service.awaitHealthy(Duration.ofSeconds(30));
      String token = token(service);
      Load load = new Load(service.port(), token, 16);
      List<CompletableFuture<String>> halfSent = new ArrayList<>();
      int exit;
      try {
        Thread.sleep(4000);
        for (int i = 0; i < 5; i++) {
          halfSent.add(halfSentCreate(service.port(), token, "half-sent-" + i));
        }
        Thread.sleep(500);
        service.signal("TERM");
        exit = service.waitFor(Duration.ofSeconds(40));
      } finally {
        load.close();
      }
      assertThat(exit).as(service.output()).isZero();
      for (CompletableFuture<String> request : halfSent) {
        String status = request.get();
        if (!status.startsWith("HTTP/1.1 201")) {
          failures.add("a request that had started was not completed: " + status);
        }
      }
      Set<String> stored = stored(dir.resolve("pm.db"));
      long lost = load.acknowledged().stream().filter(o -> !stored.contains(o.name())).count();
      if (lost > 0) {
        failures.add(lost + " acknowledged creates are missing after shutdown");
      }
      for (int i = 0; i < 5; i++) {
        if (!stored.contains("half-sent-" + i)) {
          failures.add("half-sent-" + i + " is not stored");
        }
      }
      long answered = load.outcomes.stream().filter(o -> o.status() > 0).count();
      long refused = load.outcomes.stream().filter(o -> o.status() < 0).count();
      load.outcomes.stream()
          .filter(o -> o.status() > 0 && o.status() != 201)
          .limit(5)
          .forEach(
              o ->
                  failures.add(
                      "during shutdown a write was answered " + o.status() + ": " + o.body()));
      System.out.printf(
          "SIGTERM under load: %d requests answered (%d acknowledged, %s stored), %d refused at the closed door,"
              + " %d half-sent requests completed, exit %d%n",
          answered,
          load.acknowledged().size(),
          lost == 0 ? "all" : "NOT all",
          refused,
          halfSent.stream().filter(f -> f.join().startsWith("HTTP/1.1 201")).count(),
          exit);
    }
    assertThat(failures).isEmpty();
  }

  /**
   * What a careless deploy does: the jar is overwritten under the running process, so every class
   * it has not loaded yet is gone (here: each class path entry copied, then the copies truncated or
   * deleted). Stopping and flushing the logs then throw Errors; the process must still end on
   * SIGTERM, instead of living on with its event loops, deaf to any further one.
   */
  @Test
  void sigtermWithItsJarReplacedStillEndsTheProcess() throws Exception {
    Path dir = Files.createTempDirectory("pm-replaced");
    List<Path> copies = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path source = Path.of(entry);
      if (!Files.exists(source)) {
        continue;
      }
      Path copy = dir.resolve(copies.size() + "-" + source.getFileName());
      if (Files.isDirectory(source)) {
        try (Stream<Path> tree = Files.walk(source)) {
          for (Path file : (Iterable<Path>) tree::iterator) {
            Files.copy(file, copy.resolve(source.relativize(file).toString()));
          }
        }
      } else {
        Files.copy(source, copy);
      }
      copies.add(copy);
    }
    Map<String, String> env = Map.of("DATABASE_URL", "sqlite:" + dir.resolve("pm.db"));
    try (ServiceProcess service =
        ServiceProcess.startFrom(
            String.join(File.pathSeparator, copies.stream().map(Path::toString).toList()), env)) {
      service.awaitHealthy(Duration.ofSeconds(30));
      for (Path copy : copies) {
        if (Files.isDirectory(copy)) {
          try (Stream<Path> tree = Files.walk(copy)) {
            tree.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
          }
        } else {
          // In place, as a copy over the jar would: the process keeps its handle on the same file.
          Files.write(
              copy,
              "replaced".getBytes(StandardCharsets.US_ASCII),
              StandardOpenOption.TRUNCATE_EXISTING);
        }
      }
      long signalled = System.nanoTime();
      service.signal("TERM");
      int exit = service.waitFor(Duration.ofSeconds(60));
      System.out.printf(
          "SIGTERM with its jar replaced: the process ended (exit %d) %d ms after the signal%n",
          exit, (System.nanoTime() - signalled) / 1_000_000);
    }
  }

  private static String token(ServiceProcess service) {
    var login =
        service
            .http()
            .post(
                "/api/v1/auth/login",
                new JsonObject()
                    .put("email", "owner@example.com")
                    .put("password", "shutdown pass phrase 42"));
    String cookie = login.header("Set-Cookie");
    var minted =
        service
            .http()
            .post(
                "/api/v1/auth/tokens",
                new JsonObject().put("name", "load"),
                "Cookie",
                cookie.substring(0, cookie.indexOf(';')),
                "X-Requested-With",
                "XMLHttpRequest");
    assertThat(minted.status()).as(minted.toString()).isEqualTo(201);
    return minted.json().getString("token");
  }

  /**
   * Sends the headers and half the body now, the rest a second later (after the SIGTERM), and reads
   * the status line.
   */
  private static CompletableFuture<String> halfSentCreate(int port, String token, String name)
      throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(30_000);
    byte[] body = new JsonObject().put("name", name).encode().getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/v1/suppliers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(body, 0, body.length / 2);
    out.flush();
    return CompletableFuture.supplyAsync(
        () -> {
          try (socket) {
            Thread.sleep(1500);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.ISO_8859_1);
            return text.isEmpty() ? "no response" : text.lines().findFirst().orElse("");
          } catch (Exception e) {
            return e.toString();
          }
        });
  }

  private static Set<String> stored(Path db) throws Exception {
    Set<String> names = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM suppliers")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
