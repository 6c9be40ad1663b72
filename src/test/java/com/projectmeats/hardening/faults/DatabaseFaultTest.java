package com.projectmeats.hardening.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The database fails under the service while 32 clients write: killed outright and restarted, then
 * frozen (every server process SIGSTOPped) and thawed. The same service process rides both out: no
 * acknowledged write is lost, nobody waits past the query timeout, /healthz tells the truth, and
 * everything works again within seconds, without a restart.
 */
@Tag("faults")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultTest {
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

  /**
   * What "fails fast" means here: a write waits on the database at most twice in a row (the
   * credential look-up, then its transaction), each bounded by the query timeout, plus a margin for
   * a loaded two-core machine.
   */
  static final Duration FAST = QUERY_TIMEOUT.multipliedBy(2).plusSeconds(2);

  private PrivatePostgres pg;
  private TestApp service;
  private String token;

  @BeforeAll
  void start() throws Exception {
    pg = PrivatePostgres.start();
    // Not TestApp.close() at the end: that would drop a database on the shared server.
    service =
        TestApp.start(
            Datastore.POSTGRES,
            pg.databaseUrl(),
            Map.of(
                "PORT",
                "0",
                "DATABASE_URL",
                pg.databaseUrl(),
                "SECRET_KEY",
                "x".repeat(40),
                "DB_QUERY_TIMEOUT_MS",
                Long.toString(QUERY_TIMEOUT.toMillis()),
                "SHUTDOWN_TIMEOUT_SECONDS",
                "5"));
    Fixtures fx = new Fixtures(service);
    token = fx.member(fx.company("Outage Co"), Role.USER).token();
  }

  @AfterAll
  void stop() throws Exception {
    if (service != null) {
      service.app().stop().toCompletionStage().toCompletableFuture().get();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private Http http() {
    return service.http();
  }

  private int health() {
    try {
      return http().get("/healthz").status();
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  /** Polls /healthz until it answers {@code status}; the time that took, or null past the limit. */
  private Duration awaitHealth(int status, Duration limit) throws InterruptedException {
    long t0 = System.nanoTime();
    while (PrivatePostgres.since(t0).compareTo(limit) < 0) {
      if (health() == status) {
        return PrivatePostgres.since(t0);
      }
      Thread.sleep(100);
    }
    return null;
  }

  private Set<String> storedNames() throws Exception {
    Set<String> names = new HashSet<>();
    try (Connection c = pg.connect("projectmeats");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM suppliers")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static String report(String what, Load load) {
    return what
        + ": "
        + load.outcomes.size()
        + " requests, "
        + load.acknowledged().size()
        + " acknowledged, "
        + load.outcomes.stream().filter(o -> o.status() == 503).count()
        + " answered 503, slowest "
        + load.slowestMillis()
        + " ms, "
        + load.wrong().size()
        + " wrong";
  }

  @Test
  @Order(1)
  void killedAndRestartedUnderWriteLoadLosesNoAcknowledgedWrite() throws Exception {
    List<String> failures = new ArrayList<>();
    Load load = new Load(service.app().port(), token, 32);
    long outageStart;
    Duration toHealthy;
    try {
      Thread.sleep(3000);
      pg.killImmediately();
      outageStart = System.nanoTime();
      // While it is down: /healthz says so, and requests keep failing fast with 503.
      Duration down = awaitHealth(503, Duration.ofSeconds(3));
      if (down == null) {
        failures.add("/healthz did not say 503 within 3 s of the kill");
      }
      for (int i = 0; i < 10; i++) {
        int h = health();
        if (h != 503) {
          failures.add("/healthz answered " + h + " while the database was down");
        }
        Thread.sleep(400);
      }
      pg.up();
      toHealthy = awaitHealth(200, Duration.ofSeconds(5));
      if (toHealthy == null) {
        failures.add("/healthz not 200 within 5 s of the database's return");
      }
      long recovered = System.nanoTime();
      Thread.sleep(3000);
      if (load.countSince(recovered, 201) == 0) {
        failures.add("no write succeeded in the 3 s after the database came back");
      }
    } finally {
      load.close();
    }
    if (load.countSince(outageStart, 503) == 0) {
      failures.add("no request was answered 503 during the outage");
    }
    load.wrong().stream()
        .limit(10)
        .forEach(o -> failures.add("request " + o.name() + ": " + o.failure()));
    load.outcomes.stream()
        .filter(o -> o.millis() > FAST.toMillis())
        .limit(10)
        .forEach(
            o ->
                failures.add(
                    "request "
                        + o.name()
                        + " took "
                        + o.millis()
                        + " ms (status "
                        + o.status()
                        + ")"));
    Set<String> stored = storedNames();
    List<String> lost =
        load.acknowledged().stream()
            .map(Load.Outcome::name)
            .filter(n -> !stored.contains(n))
            .toList();
    if (!lost.isEmpty()) {
      failures.add(
          lost.size() + " acknowledged creates are missing after the restart, e.g. " + lost.get(0));
    }
    System.out.println(
        report("database killed and restarted", load)
            + "; "
            + load.acknowledged().size()
            + " acknowledged writes checked, "
            + lost.size()
            + " lost; healthy again after "
            + toHealthy);
    assertThat(failures).isEmpty();
  }

  @Test
  @Order(2)
  void frozenDatabaseAnswers503WithinTheTimeoutWhileHealthAndFilesStayUp() throws Exception {
    List<String> failures = new ArrayList<>();
    assertThat(awaitHealth(200, Duration.ofSeconds(10)))
        .as("healthy before the freeze")
        .isNotNull();
    Load load = new Load(service.app().port(), token, 32);
    long frozenAt;
    try {
      Thread.sleep(2000);
      pg.signalAll("STOP");
      frozenAt = System.nanoTime();
      Thread.sleep(500);
      for (int i = 0; i < 8; i++) {
        long t0 = System.nanoTime();
        int h = health();
        long healthMs = PrivatePostgres.since(t0).toMillis();
        if (h != 503 || healthMs > 2000) {
          failures.add(
              "/healthz answered " + h + " in " + healthMs + " ms while the database was frozen");
        }
        t0 = System.nanoTime();
        Http.Response page = http().get("/");
        long pageMs = PrivatePostgres.since(t0).toMillis();
        if (page.status() != 200 || pageMs > 1000) {
          failures.add(
              "the web app answered "
                  + page.status()
                  + " in "
                  + pageMs
                  + " ms while the database was frozen");
        }
        Thread.sleep(500);
      }
      pg.signalAll("CONT");
      Duration back = awaitHealth(200, Duration.ofSeconds(5));
      if (back == null) {
        failures.add("/healthz not 200 within 5 s of the thaw");
      }
      long thawed = System.nanoTime();
      Thread.sleep(3000);
      if (load.countSince(thawed, 201) == 0) {
        failures.add("no write succeeded in the 3 s after the thaw");
      }
    } finally {
      load.close();
    }
    if (load.countSince(frozenAt, 503) == 0) {
      failures.add("no request was answered 503 while frozen");
    }
    load.wrong().stream()
        .limit(10)
        .forEach(o -> failures.add("request " + o.name() + ": " + o.failure()));
    load.outcomes.stream()
        .filter(o -> o.millis() > FAST.toMillis())
        .limit(10)
        .forEach(
            o ->
                failures.add(
                    "request "
                        + o.name()
                        + " took "
                        + o.millis()
                        + " ms (status "
                        + o.status()
                        + ")"));
    Set<String> stored = storedNames();
    long lost = load.acknowledged().stream().filter(o -> !stored.contains(o.name())).count();
    if (lost > 0) {
      failures.add(lost + " acknowledged creates are missing");
    }
    System.out.println(
        report("database frozen and thawed", load) + "; " + lost + " acknowledged writes lost");
    assertThat(failures).isEmpty();
  }
}
