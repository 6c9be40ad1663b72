package com.projectmeats.money;

import static com.projectmeats.money.OverdueInvoicesTest.customer;
import static com.projectmeats.money.OverdueInvoicesTest.invoice;
import static com.projectmeats.money.OverdueInvoicesTest.markings;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Four service instances on one PostgreSQL database run the daily job at the same moment, at start
 * and on demand: each invoice is marked overdue exactly once, with one history entry, and each
 * company's day is recorded once (by whichever instance got there first).
 */
class OverdueAcrossReplicasTest {
  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Test
  void oneInstanceMarksEachCompanysInvoicesOnce() throws Exception {
    TestApp first = TestApp.start(Datastore.POSTGRES);
    List<TestApp> others = new ArrayList<>();
    try {
      Fixtures fx = new Fixtures(first);
      List<Http> users = new ArrayList<>();
      List<Long> late = new ArrayList<>();
      List<Long> dueToday = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        Http user =
            first
                .http()
                .with(
                    "Authorization",
                    "Bearer " + fx.member(fx.company("Replica Co " + c), Role.USER).token());
        users.add(user);
        long customer = customer(user, "Customer " + c);
        for (int i = 0; i < 15; i++) {
          late.add(invoice(user, customer, TODAY.minusDays(40), TODAY.minusDays(1 + i), "send"));
        }
        dueToday.add(invoice(user, customer, TODAY.minusDays(10), TODAY, "send"));
      }

      // Three more instances start together; each runs the job for today as it starts.
      List<CompletableFuture<TestApp>> starting = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        starting.add(
            CompletableFuture.supplyAsync(
                () ->
                    TestApp.start(
                        Datastore.POSTGRES,
                        first.databaseUrl(),
                        TestApp.env(first.databaseUrl()))));
      }
      for (CompletableFuture<TestApp> s : starting) {
        others.add(s.get());
      }
      List<TestApp> all = new ArrayList<>(others);
      all.add(first);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (runs(first, TODAY) < 3) {
        assertThat(System.nanoTime()).as("every company's day done at start").isLessThan(deadline);
        Thread.sleep(50);
      }

      // And all four at once, again for today (nothing left) and for tomorrow (the ones due today).
      assertThat(runEverywhere(all, TODAY)).isZero();
      assertThat(runEverywhere(all, TODAY.plusDays(1))).isEqualTo(3);

      for (int c = 0; c < 3; c++) {
        Http user = users.get(c);
        for (long id : late.subList(c * 15, c * 15 + 15)) {
          assertThat(user.get("/api/v1/invoices/" + id).json().getString("status"))
              .isEqualTo("overdue");
          assertThat(markings(user, id)).as("invoice " + id).isEqualTo(1);
        }
        assertThat(markings(user, dueToday.get(c))).isEqualTo(1);
      }
      assertThat(runs(first, TODAY)).as("one run recorded per company and day").isEqualTo(3);
      assertThat(
              Fixtures.await(
                  first
                      .app()
                      .database()
                      .sql()
                      .count(
                          "SELECT coalesce(sum(records), 0) FROM daily_job_runs WHERE day = $1",
                          TODAY)))
          .isEqualTo(45);
      assertThat(runs(first, TODAY.plusDays(1))).isEqualTo(3);
    } finally {
      for (TestApp other : others) {
        Fixtures.await(other.app().stop());
      }
      first.close();
    }
  }

  private static long runs(TestApp app, LocalDate day) {
    return Fixtures.await(
        app.app()
            .database()
            .sql()
            .count("SELECT count(*) FROM daily_job_runs WHERE day = $1", day));
  }

  private static int runEverywhere(List<TestApp> apps, LocalDate day) {
    List<Future<Integer>> runs =
        apps.stream().map(a -> a.app().overdueInvoices().runFor(day)).toList();
    Fixtures.await(Future.all(runs));
    return runs.stream().mapToInt(Future::result).sum();
  }
}
