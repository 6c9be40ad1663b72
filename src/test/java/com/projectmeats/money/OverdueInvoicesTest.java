package com.projectmeats.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Sent invoices past due become overdue by themselves, once, with a history entry by the system;
 * other statuses and invoices not yet due are left alone; a service starting up catches up.
 */
class OverdueInvoicesTest {

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

  abstract static class Contract extends OnEachDatastore {
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    Fixtures fx;
    Http user;
    Http manager;
    long customer;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void seed() {
      fx = new Fixtures(app);
      long company = fx.company("Billing Co");
      user = bearer(fx.member(company, Role.USER).token());
      manager = bearer(fx.member(company, Role.MANAGER).token());
      customer = customer(user, "Late Payer Foods");
    }

    @Test
    void sentInvoicesPastDueBecomeOverdueOnceAndTheHistorySaysTheSystemDidIt() {
      long late = invoice(user, customer, TODAY.minusDays(20), TODAY.minusDays(1), "send");
      long dueToday = invoice(user, customer, TODAY.minusDays(20), TODAY, "send");
      long draft = invoice(user, customer, TODAY.minusDays(40), TODAY.minusDays(10));
      long paid = invoice(user, customer, TODAY.minusDays(40), TODAY.minusDays(10), "send");
      assertThat(manager.post("/api/v1/invoices/" + paid + "/mark_paid", null).status())
          .isEqualTo(200);
      long cancelled = invoice(user, customer, TODAY.minusDays(40), TODAY.minusDays(10), "send");
      assertThat(manager.post("/api/v1/invoices/" + cancelled + "/cancel", null).status())
          .isEqualTo(200);
      String etag = user.get("/api/v1/invoices/" + late).header("ETag");

      int marked = Fixtures.await(app.app().overdueInvoices().runFor(TODAY));

      assertThat(marked).isEqualTo(1);
      Http.Response read = user.get("/api/v1/invoices/" + late);
      assertThat(read.json().getString("status")).isEqualTo("overdue");
      assertThat(read.header("ETag")).as("a new version").isNotEqualTo(etag);
      assertThat(status(dueToday)).isEqualTo("sent");
      assertThat(status(draft)).isEqualTo("draft");
      assertThat(status(paid)).isEqualTo("paid");
      assertThat(status(cancelled)).isEqualTo("cancelled");

      JsonArray history = user.get("/api/v1/invoices/" + late + "/history").jsonArray();
      JsonObject last = history.getJsonObject(history.size() - 1);
      assertThat(last.getString("action")).isEqualTo("mark_overdue");
      assertThat(last.getString("by")).isEqualTo("system");
      assertThat(last.getValue("user")).isNull();
      assertThat(last.getJsonObject("changes"))
          .isEqualTo(
              new JsonObject()
                  .put("status", new JsonObject().put("old", "sent").put("new", "overdue")));
      assertThat(history.getJsonObject(history.size() - 2).getString("action")).isEqualTo("send");
      assertThat(history.getJsonObject(history.size() - 2).getString("by")).startsWith("user-");

      // Again the same day: nothing more to do, nothing written twice.
      assertThat(Fixtures.await(app.app().overdueInvoices().runFor(TODAY))).isZero();
      assertThat(markings(user, late)).isEqualTo(1);

      // The next day the one due today is late too.
      assertThat(Fixtures.await(app.app().overdueInvoices().runFor(TODAY.plusDays(1))))
          .isEqualTo(1);
      assertThat(status(dueToday)).isEqualTo("overdue");
      assertThat(markings(user, late)).isEqualTo(1);
    }

    @Test
    void aServiceStartingUpCatchesUpAndEachCompanyKeepsItsOwnHistory() throws Exception {
      long other = fx.company("Other Billing Co");
      Http otherUser = bearer(fx.member(other, Role.USER).token());
      long otherLate =
          invoice(
              otherUser,
              customer(otherUser, "Other Late Payer"),
              TODAY.minusDays(30),
              TODAY.minusDays(3),
              "send");

      // A second process on the same database runs the job as it starts.
      TestApp second = TestApp.start(datastore, app.databaseUrl(), TestApp.env(app.databaseUrl()));
      try {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"overdue"
            .equals(otherUser.get("/api/v1/invoices/" + otherLate).json().getString("status"))) {
          assertThat(System.nanoTime()).as("marked overdue at start").isLessThan(deadline);
          Thread.sleep(50);
        }
      } finally {
        Fixtures.await(second.app().stop());
      }
      assertThat(markings(otherUser, otherLate)).isEqualTo(1);
      assertThat(user.get("/api/v1/invoices/" + otherLate).status())
          .as("another company's invoice")
          .isEqualTo(404);
      assertThat(user.get("/api/v1/invoices/" + otherLate + "/history").status()).isEqualTo(404);
    }

    String status(long invoice) {
      return user.get("/api/v1/invoices/" + invoice).json().getString("status");
    }
  }

  static long markings(Http http, long invoice) {
    return http.get("/api/v1/invoices/" + invoice + "/history").jsonArray().stream()
        .filter(h -> ((JsonObject) h).getString("action").equals("mark_overdue"))
        .count();
  }

  static long customer(Http http, String name) {
    return http.post("/api/v1/customers", new JsonObject().put("name", name)).createdId();
  }

  static long invoice(
      Http http, long customer, LocalDate issued, LocalDate due, String... actions) {
    long id =
        http.post(
                "/api/v1/invoices",
                new JsonObject()
                    .put("customer", customer)
                    .put("invoice_date", issued.toString())
                    .put("due_date", due.toString())
                    .put(
                        "lines",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("weight", "100.00")
                                    .put("price_per_unit", "2.0000"))))
            .createdId();
    for (String action : List.of(actions)) {
      Http.Response r = http.post("/api/v1/invoices/" + id + "/" + action, null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
    return id;
  }
}
