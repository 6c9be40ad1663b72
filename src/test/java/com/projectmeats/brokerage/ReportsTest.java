package com.projectmeats.brokerage;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Aging buckets on hand-computed data, and the dashboard's figures, on both datastores. */
class ReportsTest {

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
    Http api;
    Http manager;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Aging Co");
      api = bearer(fx.member(company, Role.USER).token());
      manager = bearer(fx.member(company, Role.MANAGER).token());
      long other = fx.company("Noise Co");
      Http noise = bearer(fx.member(other, Role.USER).token());
      long noiseCustomer =
          noise
              .post("/api/v1/customers", new JsonObject().put("name", "Other Co Customer"))
              .createdId();
      sentInvoice(noise, noiseCustomer, "999.00", "2026-01-01");
    }

    static long sentInvoice(Http http, long customer, String amount, String due) {
      long id =
          http.post(
                  "/api/v1/invoices",
                  new JsonObject()
                      .put("customer", customer)
                      .put("invoice_date", "2026-01-01")
                      .put("due_date", due)
                      .put(
                          "lines",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("weight", amount)
                                      .put("price_per_unit", "1"))))
              .createdId();
      assertThat(http.post("/api/v1/invoices/" + id + "/send", null).status()).isEqualTo(200);
      return id;
    }

    @Test
    void receivablesFallInTheirBuckets() {
      long a =
          api.post("/api/v1/customers", new JsonObject().put("name", "Alpha Retail")).createdId();
      long b =
          api.post("/api/v1/customers", new JsonObject().put("name", "Beta Foods")).createdId();
      sentInvoice(api, a, "100.00", "2026-11-20");
      sentInvoice(api, a, "50.00", "2026-12-01");
      long old = sentInvoice(api, a, "200.00", "2026-07-01");
      assertThat(
              manager
                  .post(
                      "/api/v1/payments",
                      new JsonObject()
                          .put("invoice", old)
                          .put("amount", "20.00")
                          .put("method", "check"))
                  .status())
          .isEqualTo(201);
      sentInvoice(api, b, "10.00", "2026-09-15");

      api.post(
              "/api/v1/invoices",
              new JsonObject()
                  .put("customer", b)
                  .put("invoice_date", "2026-01-01")
                  .put("due_date", "2026-01-01")
                  .put(
                      "lines",
                      new JsonArray()
                          .add(new JsonObject().put("weight", "5000").put("price_per_unit", "1"))))
          .createdId();

      JsonObject report = api.get("/api/v1/reports/receivables-aging?as_of=2026-11-26").json();
      assertThat(report.getString("as_of")).isEqualTo("2026-11-26");
      JsonArray parties = report.getJsonArray("parties");
      assertThat(parties).hasSize(2);
      JsonObject alpha = parties.getJsonObject(0);
      assertThat(alpha.getString("name")).isEqualTo("Alpha Retail");
      assertThat(alpha.getString("current")).isEqualTo("50.00");
      assertThat(alpha.getString("1-30")).isEqualTo("100.00");
      assertThat(alpha.getString("31-60")).isEqualTo("0.00");
      assertThat(alpha.getString("over_90")).isEqualTo("180.00");
      assertThat(alpha.getString("total")).isEqualTo("330.00");
      assertThat(parties.getJsonObject(1).getString("61-90")).isEqualTo("10.00");
      JsonObject totals = report.getJsonObject("totals");
      assertThat(totals.getString("total")).isEqualTo("340.00");
      assertThat(totals.getString("61-90")).isEqualTo("10.00");
      assertThat(api.get("/api/v1/reports/receivables-aging?as_of=yesterday").status())
          .isEqualTo(400);
    }

    @Test
    void payablesAgeByCreditTermsAndCarrierDueDates() {
      long supplier =
          api.post("/api/v1/suppliers", new JsonObject().put("name", "Net Thirty Packing"))
              .createdId();
      long po =
          api.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("credit_limit", "Net 30")
                      .put("order_date", "2026-09-20")
                      .put("pick_up_date", "2026-09-28")
                      .put("delivery_date", "2026-10-01")
                      .put(
                          "lines",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("weight", "1000.00")
                                      .put("price_per_unit", "2.5000"))))
              .createdId();
      api.post("/api/v1/purchase-orders/" + po + "/submit", null);
      long carrier =
          api.post(
                  "/api/v1/carriers",
                  new JsonObject().put("name", "Reefer Lines").put("code", "RFR"))
              .createdId();

      api.post(
              "/api/v1/carrier-purchase-orders",
              new JsonObject()
                  .put("carrier", carrier)
                  .put("rate", "500.00")
                  .put("due_date", "2026-08-01"))
          .createdId();
      JsonArray parties =
          api.get("/api/v1/reports/payables-aging?as_of=2026-11-26").json().getJsonArray("parties");
      JsonObject net30 = party(parties, "Net Thirty Packing");
      assertThat(net30.getString("1-30"))
          .as("delivered 10-01, Net 30: due 10-31, 26 days late")
          .isEqualTo("2500.00");
      assertThat(net30.getString("total")).isEqualTo("2500.00");
      JsonObject reefer = party(parties, "Reefer Lines (carrier)");
      assertThat(reefer.getString("over_90")).isEqualTo("500.00");
    }

    static JsonObject party(JsonArray parties, String name) {
      return parties.stream()
          .map(p -> (JsonObject) p)
          .filter(p -> p.getString("name").equals(name))
          .findFirst()
          .orElseThrow();
    }

    @Test
    void dashboardCountsOpenOrdersRevenueAndUnmatchedLoads() {
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      long supplier =
          api.post("/api/v1/suppliers", new JsonObject().put("name", "Dash Beef")).createdId();
      long customer =
          api.post("/api/v1/customers", new JsonObject().put("name", "Dash Retail")).createdId();
      long po =
          api.post(
                  "/api/v1/purchase-orders",
                  new JsonObject()
                      .put("supplier", supplier)
                      .put("order_date", today)
                      .put(
                          "lines",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("weight", "100.00")
                                      .put("price_per_unit", "2.0000"))))
              .createdId();
      api.post("/api/v1/purchase-orders/" + po + "/submit", null);

      api.post(
              "/api/v1/sales-orders",
              new JsonObject()
                  .put("customer", customer)
                  .put("order_date", today)
                  .put(
                      "lines",
                      new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("weight", "100.00")
                                  .put("price_per_unit", "3.0000"))))
          .createdId();
      JsonObject d = api.get("/api/v1/reports/dashboard").json();
      assertThat(d.getJsonObject("open_orders").getJsonObject("purchase").getLong("pending"))
          .isGreaterThanOrEqualTo(1);
      assertThat(d.getJsonObject("open_orders").getJsonObject("sales").getLong("pending"))
          .isGreaterThanOrEqualTo(1);
      assertThat(d.getLong("unmatched_loads")).isGreaterThanOrEqualTo(1);
      JsonArray monthly = d.getJsonArray("monthly");
      assertThat(monthly).hasSize(12);
      JsonObject now = monthly.getJsonObject(11);
      assertThat(now.getString("month")).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
      assertThat(new java.math.BigDecimal(now.getString("revenue")))
          .isGreaterThanOrEqualTo(new java.math.BigDecimal("300.00"));
      assertThat(new java.math.BigDecimal(now.getString("margin")))
          .isEqualTo(
              new java.math.BigDecimal(now.getString("revenue"))
                  .subtract(new java.math.BigDecimal(now.getString("cost"))));
      assertThat(
              d.getJsonArray("top_customers").stream().map(c -> ((JsonObject) c).getString("name")))
          .contains("Dash Retail");
    }
  }
}
