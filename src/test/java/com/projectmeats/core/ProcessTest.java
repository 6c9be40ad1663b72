package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.testing.FreezableProxy;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.Postgres;
import com.projectmeats.testing.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The jar's commands, exit codes, shutdown and logs, seen from outside the process. */
class ProcessTest {

  private static Map<String, String> sqlite() throws Exception {
    return new HashMap<>(
        Map.of("DATABASE_URL", "sqlite:" + Files.createTempDirectory("proc").resolve("pm.db")));
  }

  @Test
  void helpListsTheCommands() throws Exception {
    ServiceProcess.Result r = ServiceProcess.run(Map.of(), "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output())
        .contains("serve")
        .contains("migrate")
        .contains("DATABASE_URL")
        .contains("SMTP_URL")
        .contains("MAIL_FROM");
  }

  @Test
  void badConfigurationStopsWithOneLineNamingTheVariableAndExitCode2() throws Exception {
    for (var c :
        List.of(
            Map.of("PORT", "abc"),
            Map.of("DATABASE_URL", "mysql://x/y"),
            Map.of("APP_ENV", "prod"),
            Map.of("SMTP_URL", "imap://u:p@mail.example.com"),
            Map.of("MAIL_FROM", "nobody"))) {
      ServiceProcess.Result r = ServiceProcess.run(c);
      String variable = c.containsKey("APP_ENV") ? "SECRET_KEY" : c.keySet().iterator().next();
      assertThat(r.exitCode()).as(c.toString()).isEqualTo(2);
      assertThat(r.output().strip().lines().toList()).as(c.toString()).hasSize(1);
      assertThat(r.output()).contains(variable);
    }
    assertThat(ServiceProcess.run(Map.of(), "frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void helpNamesEveryVariableAndABadPoolSizeIsExit2() throws Exception {
    String help = ServiceProcess.run(Map.of(), "--help").output();
    for (String variable : AppConfig.VARIABLES) {
      assertThat(help).as(variable).contains(variable);
    }
    ServiceProcess.Result r = ServiceProcess.run(Map.of("DB_POOL_SIZE", "many"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output().strip().lines().toList()).hasSize(1);
    assertThat(r.output()).contains("DB_POOL_SIZE");
  }

  @Test
  void migrateMigratesAndExits() throws Exception {
    Map<String, String> env = sqlite();
    ServiceProcess.Result r = ServiceProcess.run(env, "migrate");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(
            Files.exists(
                URI.create("file:" + env.get("DATABASE_URL").substring(7)).getPath() == null
                    ? java.nio.file.Path.of(env.get("DATABASE_URL").substring(7))
                    : java.nio.file.Path.of(env.get("DATABASE_URL").substring(7))))
        .isTrue();
  }

  @Test
  void servesOnFirstRunAndLogsJsonWithoutSecrets() throws Exception {
    Map<String, String> env = sqlite();
    env.put("LOG_FORMAT", "json");
    try (ServiceProcess p = ServiceProcess.start(env)) {
      p.awaitHealthy(Duration.ofSeconds(20));
      p.http()
          .get(
              "/api/v1/suppliers",
              "Authorization",
              "Bearer pmt_supersecrettoken",
              "Cookie",
              "pm_session=cookiesecret");
      p.http()
          .post(
              "/api/v1/auth/login",
              new JsonObject().put("email", "a@b.c").put("password", "hunter2hunter2"));
      p.signal("TERM");
      assertThat(p.waitFor(Duration.ofSeconds(30))).isZero();
      String out = p.output();
      assertThat(out)
          .doesNotContain("supersecrettoken")
          .doesNotContain("cookiesecret")
          .doesNotContain("hunter2");
      List<String> lines =
          out.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        JsonObject json = new JsonObject(line);
        assertThat(json.containsKey("level")).isTrue();
      }
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(new JsonObject(l).encode())
                      .contains("/api/v1/suppliers")
                      .contains("401"));
    }
  }

  @Test
  void sigtermLetsInFlightRequestsFinishAndExitsZero() throws Exception {
    String url = Postgres.freshDatabaseUrl();
    URI db = URI.create(url);
    try (FreezableProxy proxy = new FreezableProxy(db.getHost(), db.getPort())) {
      Map<String, String> env = new HashMap<>();
      env.put(
          "DATABASE_URL",
          "postgres://" + db.getUserInfo() + "@127.0.0.1:" + proxy.port() + db.getPath());
      try (ServiceProcess p = ServiceProcess.start(env)) {
        p.awaitHealthy(Duration.ofSeconds(30));
        proxy.freeze();
        // A health check against a hung database takes most of a second: it is in flight when TERM
        // lands.
        CompletableFuture<Http.Response> inFlight =
            CompletableFuture.supplyAsync(() -> p.http().get("/healthz"));
        Thread.sleep(200);
        p.signal("TERM");
        Http.Response r = inFlight.get();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().getString("status")).isEqualTo("DOWN");
        proxy.thaw();
        assertThat(p.waitFor(Duration.ofSeconds(30))).as(p.output()).isZero();
        assertThat(p.output()).contains("Stopped cleanly");
      }
    } finally {
      Postgres.drop(url);
    }
  }
}
