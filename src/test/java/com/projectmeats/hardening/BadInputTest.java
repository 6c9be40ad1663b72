package com.projectmeats.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.http.Api;
import com.projectmeats.testing.Datastore;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bad-input corpus against the running service: every answer a 4xx problem+json naming what was
 * wrong, none a 5xx, none slower than the probe's timeout, and not one row written by any of them
 * (the whole database's fingerprint is compared around each operation's batch). The run's figures
 * are printed to the test output (target/surefire-reports/*BadInputTest*-output.txt).
 */
class BadInputTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    private final Datastore datastore;
    private World world;

    Contract(Datastore datastore) {
      this.datastore = datastore;
    }

    @BeforeAll
    void start() {
      world = World.shared(datastore);
    }

    @Test
    void everyBadRequestIsRefusedByNameAndWritesNothing() throws Exception {
      List<Corpus.Case> all = Corpus.build(world);
      // The whole corpus on PostgreSQL, the production datastore; every fourth case on SQLite,
      // whose single connection is slower and whose parsing and validation are the same code.
      int every = datastore == Datastore.POSTGRES ? 1 : 4;
      List<Corpus.Case> cases =
          java.util.stream.IntStream.range(0, all.size())
              .filter(i -> i % every == 0)
              .mapToObj(all::get)
              .toList();
      assertThat(cases).hasSizeGreaterThan(200);
      Map<String, List<Corpus.Case>> groups = new LinkedHashMap<>();
      cases.forEach(c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
      Probe owner = world.browser(world.owner());
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      AtomicLong slowest = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (Map.Entry<String, List<Corpus.Case>> group : groups.entrySet()) {
          // Sign-out with a valid body would end the session the other cases use: it gets its own.
          Probe caller =
              group.getKey().equals("POST /auth/logout") ? world.browser(world.owner()) : owner;
          Map<String, String> before = Fingerprint.all(world.app.app().database().sql());
          List<Future<?>> running = new ArrayList<>();
          for (Corpus.Case c : group.getValue()) {
            running.add(
                pool.submit(
                    () -> {
                      try {
                        Probe.Result r =
                            caller.send(c.method(), c.path(), c.contentType(), c.body());
                        slowest.accumulateAndGet(r.millis(), Math::max);
                        String wrong = Verdict.refusal(r, c.statuses(), c.mentions());
                        if (wrong != null) {
                          failures.add(c + ": " + wrong);
                        }
                      } catch (AssertionError | RuntimeException e) {
                        failures.add(c + ": " + e.getMessage());
                      }
                    }));
          }
          for (Future<?> f : running) {
            f.get();
          }
          Map<String, String> after = Fingerprint.all(world.app.app().database().sql());
          if (!after.equals(before)) {
            failures.add(
                group.getKey()
                    + ": a refused request changed the database: "
                    + diff(before, after));
          }
        }
      } finally {
        pool.shutdownNow();
      }
      System.out.printf(
          "bad-input corpus on %s: %d requests in %d operations, %d wrong, slowest %d ms%n",
          datastore, cases.size(), groups.size(), failures.size(), slowest.get());
      assertThat(failures)
          .as("%d of %d bad requests were not refused cleanly", failures.size(), cases.size())
          .isEmpty();
    }

    static String diff(Map<String, String> before, Map<String, String> after) {
      List<String> changed = new ArrayList<>();
      after.forEach(
          (table, digest) -> {
            if (!digest.equals(before.get(table))) {
              changed.add(table + " " + before.get(table) + " → " + digest);
            }
          });
      return String.join(", ", changed);
    }

    @Test
    void theCorpusCoversEveryOperationThatTakesABody() {
      List<Corpus.Case> cases = Corpus.build(world);
      JsonObject paths = world.openApi.getJsonObject("paths");
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          JsonObject op = paths.getJsonObject(path).getJsonObject(method);
          if (op.containsKey("requestBody")
              && op.getJsonObject("requestBody")
                  .getJsonObject("content")
                  .containsKey("application/json")) {
            String group = method.toUpperCase() + " " + path;
            assertThat(cases)
                .as(group)
                .anyMatch(c -> c.group().equals(group) && c.name().startsWith("duplicate key"));
          }
        }
      }
      assertThat(cases)
          .anyMatch(c -> c.path().startsWith(Api.PREFIX + "/purchase-orders?page_size="));
    }
  }
}
