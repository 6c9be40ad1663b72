package com.projectmeats.today;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * GET /today on a fixed day (as_of): each section holds exactly the records that belong there and
 * says why, counts stay exact when the rows are cut short, and another company's records never
 * show.
 */
class TodayTest {

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
    /** A Wednesday. */
    static final LocalDate DAY = LocalDate.parse("2026-06-10");

    Http user;
    Http manager;
    Http readonly;
    long supplier;
    long customer;
    long pendingPo;
    long draftPo;
    long pickUpTodayPo;
    long deliveredPo;
    long matchedSo;
    long unmatchedSo;
    long farUnmatchedSo;
    long overdueCall;
    long todayCall;
    long overdueInvoice;
    long dueSoonInvoice;
    long otherCompanyPo;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void seed() {
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Desk Co");
      user = bearer(fx.member(company, Role.USER).token());
      manager = bearer(fx.member(company, Role.MANAGER).token());
      readonly = bearer(fx.member(company, Role.READONLY).token());
      supplier =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing"))
              .createdId();
      customer =
          user.post("/api/v1/customers", new JsonObject().put("name", "Lone Star Retail"))
              .createdId();

      pendingPo = po(DAY.minusDays(5), DAY.plusDays(9), DAY.plusDays(10));
      action(user, "purchase-orders", pendingPo, "submit");
      draftPo = po(DAY.minusDays(2), DAY.plusDays(20), DAY.plusDays(21));
      pickUpTodayPo = po(DAY.minusDays(3), DAY, DAY.plusDays(1));
      deliveredPo = po(DAY.minusDays(9), DAY.minusDays(1), DAY);
      for (String step : List.of("submit", "approve", "ship", "deliver")) {
        action(manager, "purchase-orders", deliveredPo, step);
      }
      po(DAY.minusDays(1), DAY.plusDays(2), DAY.plusDays(3));

      matchedSo = so(pickUpTodayPo, DAY, DAY.plusDays(1));
      unmatchedSo = so(null, DAY.plusDays(1), DAY.plusDays(4));
      farUnmatchedSo = so(null, DAY.plusDays(30), DAY.plusDays(31));

      overdueCall =
          call("Call Cactus about the short weight", DAY.minusDays(1) + "T15:30:00Z", false);
      todayCall = call("Confirm Friday's truck", DAY + "T21:00:00Z", false);
      call("Already called", DAY + "T08:00:00Z", true);
      call("Tomorrow's call", DAY.plusDays(1) + "T00:00:00Z", false);

      overdueInvoice = invoice(DAY.minusDays(40), DAY.minusDays(10), true);
      dueSoonInvoice = invoice(DAY.minusDays(2), DAY.plusDays(6), true);
      invoice(DAY.minusDays(2), DAY.plusDays(7), true);
      invoice(DAY.minusDays(2), DAY.minusDays(1), false);

      long other = fx.company("Noise Co");
      Http noise = bearer(fx.member(other, Role.USER).token());
      long noiseSupplier =
          noise
              .post("/api/v1/suppliers", new JsonObject().put("name", "Other Packing"))
              .createdId();
      otherCompanyPo =
          noise
              .post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", noiseSupplier)
                      .put("order_date", DAY.toString())
                      .put("pick_up_date", DAY.toString()))
              .createdId();
      action(noise, "purchase-orders", otherCompanyPo, "submit");
      long noiseCustomer =
          noise.post("/api/v1/customers", new JsonObject().put("name", "Other Retail")).createdId();

      noise
          .post(
              "/api/v1/sales-orders",
              new JsonObject().put("customer", noiseCustomer).put("pick_up_date", DAY.toString()))
          .createdId();
    }

    long po(LocalDate ordered, LocalDate pickUp, LocalDate delivery) {
      return user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put("order_date", ordered.toString())
                  .put("pick_up_date", pickUp.toString())
                  .put("delivery_date", delivery.toString())
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("weight", "1000.00")
                                  .put("price_per_unit", "2.0000"))))
          .createdId();
    }

    long so(Long purchaseOrder, LocalDate pickUp, LocalDate delivery) {
      return user.post(
              "/api/v1/sales-orders",
              new JsonObject()
                  .put("customer", customer)
                  .put("purchase_order", purchaseOrder)
                  .put("order_date", DAY.minusDays(1).toString())
                  .put("pick_up_date", pickUp.toString())
                  .put("delivery_date", delivery.toString()))
          .createdId();
    }

    long call(String title, String at, boolean done) {
      return user.post(
              "/api/v1/scheduled-calls",
              new JsonObject()
                  .put("title", title)
                  .put("scheduled_at", at)
                  .put("done", done)
                  .put("supplier", supplier))
          .createdId();
    }

    long invoice(LocalDate issued, LocalDate due, boolean send) {
      long id =
          user.post(
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
                                      .put("price_per_unit", "3.0000"))))
              .createdId();
      if (send) {
        action(user, "invoices", id, "send");
      }
      return id;
    }

    static void action(Http http, String resource, long id, String action) {
      Http.Response r = http.post("/api/v1/" + resource + "/" + id + "/" + action, null);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    JsonObject today(Http http, String query) {
      Http.Response r = http.get("/api/v1/today?as_of=" + DAY + query);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      return r.json();
    }

    static JsonObject section(JsonObject today, String key) {
      return today.getJsonArray("sections").stream()
          .map(s -> (JsonObject) s)
          .filter(s -> s.getString("key").equals(key))
          .findFirst()
          .orElseThrow(
              () -> new AssertionError("no section " + key + " in " + today.encodePrettily()));
    }

    static List<String> rows(JsonObject section) {
      return section.getJsonArray("items").stream()
          .map(i -> (JsonObject) i)
          .map(i -> i.getString("resource") + "/" + i.getLong("id"))
          .collect(Collectors.toList());
    }

    static JsonObject row(JsonObject section, String resource, long id) {
      return section.getJsonArray("items").stream()
          .map(i -> (JsonObject) i)
          .filter(i -> i.getString("resource").equals(resource) && i.getLong("id") == id)
          .findFirst()
          .orElseThrow();
    }

    @Test
    void eachSectionHoldsWhatBelongsThereAndSaysWhy() {
      JsonObject t = today(readonly, "");
      assertThat(t.getString("as_of")).isEqualTo(DAY.toString());

      JsonObject approvals = section(t, "purchase_orders_awaiting_approval");
      assertThat(rows(approvals)).containsExactly("purchase-orders/" + pendingPo);
      JsonObject pending = row(approvals, "purchase-orders", pendingPo);
      assertThat(pending.getString("party")).isEqualTo("Cactus Packing");
      assertThat(pending.getString("label")).isNotBlank();
      assertThat(pending.getString("reason")).contains("approve");

      JsonObject loads = section(t, "loads_today_and_tomorrow");
      assertThat(rows(loads))
          .containsExactly(
              "purchase-orders/" + pickUpTodayPo,
              "sales-orders/" + matchedSo,
              "sales-orders/" + unmatchedSo);
      assertThat(row(loads, "purchase-orders", pickUpTodayPo).getString("reason"))
          .isEqualTo("Picks up today, delivers tomorrow");
      assertThat(row(loads, "sales-orders", unmatchedSo).getString("reason"))
          .isEqualTo("Picks up tomorrow");
      assertThat(row(loads, "sales-orders", matchedSo).getString("party"))
          .isEqualTo("Lone Star Retail");

      JsonObject calls = section(t, "calls_due");
      assertThat(rows(calls))
          .containsExactly("scheduled-calls/" + overdueCall, "scheduled-calls/" + todayCall);
      assertThat(row(calls, "scheduled-calls", overdueCall).getString("reason"))
          .isEqualTo("Overdue: was due 2026-06-09 at 15:30 UTC");
      assertThat(row(calls, "scheduled-calls", todayCall).getString("reason"))
          .isEqualTo("Due today at 21:00 UTC");

      JsonObject invoices = section(t, "invoices_due");
      assertThat(rows(invoices))
          .containsExactly("invoices/" + overdueInvoice, "invoices/" + dueSoonInvoice);
      assertThat(row(invoices, "invoices", overdueInvoice).getString("reason"))
          .isEqualTo("Overdue: was due 2026-05-31 (10 days ago)");
      assertThat(row(invoices, "invoices", dueSoonInvoice).getString("reason"))
          .isEqualTo("Due on Tuesday 2026-06-16");
      assertThat(row(invoices, "invoices", dueSoonInvoice).getString("amount")).isEqualTo("300.00");

      JsonObject unmatched = section(t, "loads_not_matched");
      assertThat(rows(unmatched))
          .containsExactly("sales-orders/" + unmatchedSo, "sales-orders/" + farUnmatchedSo);
      assertThat(row(unmatched, "sales-orders", unmatchedSo).getString("reason"))
          .isEqualTo("No purchase order matched; picks up tomorrow");

      JsonObject counts = t.getJsonObject("counts");
      assertThat(counts)
          .isEqualTo(
              new JsonObject()
                  .put("purchase_orders_awaiting_approval", 1)
                  .put("loads_today_and_tomorrow", 3)
                  .put("calls_due", 2)
                  .put("invoices_due", 2)
                  .put("loads_not_matched", 2));
      assertThat(t.getLong("total")).isEqualTo(10);
    }

    @Test
    void countsStayExactWhenRowsAreCutShort() {
      JsonObject t = today(user, "&limit=1");
      for (String key :
          List.of("loads_today_and_tomorrow", "calls_due", "invoices_due", "loads_not_matched")) {
        JsonObject s = section(t, key);
        assertThat(s.getJsonArray("items")).as(key).hasSize(1);
        assertThat(s.getLong("count")).as(key).isGreaterThan(1);
      }
      assertThat(rows(section(t, "loads_today_and_tomorrow")))
          .containsExactly("purchase-orders/" + pickUpTodayPo);
      JsonObject countsOnly = today(user, "&limit=0");
      assertThat(section(countsOnly, "calls_due").getJsonArray("items")).isEmpty();
      assertThat(countsOnly.getJsonObject("counts")).isEqualTo(t.getJsonObject("counts"));
    }

    @Test
    void anotherDayMovesRecordsBetweenSections() {
      // Eight days on, the "due soon" invoice is overdue too, "tomorrow's" call is overdue and the
      // pending order picks up tomorrow.
      Http.Response r = user.get("/api/v1/today?as_of=" + DAY.plusDays(8));
      JsonObject t = r.json();
      assertThat(rows(section(t, "invoices_due")))
          .contains("invoices/" + overdueInvoice, "invoices/" + dueSoonInvoice);
      assertThat(row(section(t, "invoices_due"), "invoices", dueSoonInvoice).getString("reason"))
          .startsWith("Overdue");
      assertThat(section(t, "calls_due").getLong("count")).isEqualTo(3);
      assertThat(rows(section(t, "loads_today_and_tomorrow")))
          .containsExactly("purchase-orders/" + pendingPo);
      assertThat(
              row(section(t, "loads_today_and_tomorrow"), "purchase-orders", pendingPo)
                  .getString("reason"))
          .isEqualTo("Picks up tomorrow");
    }

    @Test
    void anotherCompanysRecordsNeverShow() {
      JsonObject t = today(user, "&limit=100");
      assertThat(rows(section(t, "purchase_orders_awaiting_approval")))
          .doesNotContain("purchase-orders/" + otherCompanyPo);
      assertThat(
              t.getJsonArray("sections").stream()
                  .map(s -> (JsonObject) s)
                  .flatMap(
                      s ->
                          s.getJsonArray("items").stream()
                              .map(i -> ((JsonObject) i).getString("party"))))
          .doesNotContain("Other Packing", "Other Retail");
    }

    List<String> callTitles(String query) {
      Http.Response r = readonly.get("/api/v1/scheduled-calls?page_size=100&" + query);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      return r.json().getJsonArray("results").stream()
          .map(c -> ((JsonObject) c).getString("title"))
          .collect(Collectors.toList());
    }

    @Test
    void callsOfAWindowOfUtcDaysAsTheCalendarAsks() {
      // Both ends are whole UTC days: 00:00 of the next day belongs to the next day only.
      assertThat(callTitles("scheduled_at_after=" + DAY + "&scheduled_at_before=" + DAY))
          .containsExactly("Already called", "Confirm Friday's truck");
      assertThat(callTitles("scheduled_at_before=" + DAY.minusDays(1)))
          .containsExactly("Call Cactus about the short weight");
      assertThat(callTitles("scheduled_at_after=" + DAY.plusDays(1)))
          .containsExactly("Tomorrow's call");
      assertThat(
              callTitles(
                  "scheduled_at_after="
                      + DAY.minusDays(1)
                      + "&scheduled_at_before="
                      + DAY.plusDays(1)
                      + "&done=false"))
          .containsExactly(
              "Call Cactus about the short weight", "Confirm Friday's truck", "Tomorrow's call");
      Http.Response bad = readonly.get("/api/v1/scheduled-calls?scheduled_at_after=next+week");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().getJsonObject("errors").fieldNames())
          .containsExactly("scheduled_at_after");
    }

    @Test
    void badParametersAre400sNamingTheField() {
      Http.Response date = user.get("/api/v1/today?as_of=tomorrow");
      assertThat(date.status()).isEqualTo(400);
      assertThat(date.json().getJsonObject("errors").fieldNames()).containsExactly("as_of");
      for (String limit : List.of("101", "-1", "ten", "99999")) {
        Http.Response r = user.get("/api/v1/today?limit=" + limit);
        assertThat(r.status()).as(limit).isEqualTo(400);
        assertThat(r.json().getJsonObject("errors").fieldNames()).containsExactly("limit");
      }
      assertThat(app.http().get("/api/v1/today").status()).isEqualTo(401);
    }
  }
}
