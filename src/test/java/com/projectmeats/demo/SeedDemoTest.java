package com.projectmeats.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.UsageException;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo data goes through the API's own rules and leaves a consistent, lively company. */
class SeedDemoTest {

  @Test
  void seedsAConsistentYearOfBusiness() throws Exception {
    try (TestApp app = TestApp.start(Datastore.SQLITE)) {
      seedsAConsistentYearOfBusiness(app);
    }
  }

  /**
   * On PostgreSQL many orders are written at once: numbering, totals and history hold all the same.
   */
  @Test
  void seedsAConsistentYearOfBusinessOnPostgres() throws Exception {
    try (TestApp app = TestApp.start(Datastore.POSTGRES)) {
      seedsAConsistentYearOfBusiness(app);
    }
  }

  private static void seedsAConsistentYearOfBusiness(TestApp app) throws Exception {
    {
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Demo Brokerage");
      Fixtures.Member owner = fx.member(company, Role.OWNER);
      AppConfig config =
          AppConfig.from(Map.of("DATABASE_URL", app.databaseUrl(), "SECRET_KEY", "k".repeat(40)));
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      java.io.PrintStream out = System.out;
      System.setOut(
          new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        assertThat(
                SeedDemoCommand.run(
                    config, new String[] {"--company", owner.companySlug(), "--orders", "60"}))
            .isZero();
      } finally {
        System.setOut(out);
      }
      assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
          .as("progress as it goes")
          .contains("6 of 60 orders written", "60 of 60 orders written");

      Http api = app.http().with("Authorization", "Bearer " + owner.token());
      assertThat(api.get("/api/v1/suppliers").json().getLong("count")).isEqualTo(30);
      assertThat(api.get("/api/v1/purchase-orders").json().getLong("count")).isEqualTo(60);
      assertThat(api.get("/api/v1/purchase-orders?status=delivered").json().getLong("count"))
          .isPositive();
      assertThat(
              api.get("/api/v1/invoices?payment_status=partial").json().getLong("count")
                  + api.get("/api/v1/invoices?status=overdue").json().getLong("count"))
          .isPositive();
      JsonObject aging = api.get("/api/v1/reports/receivables-aging").json();
      assertThat(new BigDecimal(aging.getJsonObject("totals").getString("total"))).isPositive();
      JsonObject dashboard = api.get("/api/v1/reports/dashboard").json();
      assertThat(dashboard.getJsonArray("top_customers")).isNotEmpty();
      JsonObject po =
          api.get(
                  "/api/v1/purchase-orders/"
                      + api.get("/api/v1/purchase-orders?page_size=1")
                          .json()
                          .getJsonArray("results")
                          .getJsonObject(0)
                          .getLong("id"))
              .json();
      BigDecimal lines =
          po.getJsonArray("lines").stream()
              .map(l -> new BigDecimal(((JsonObject) l).getString("line_total")))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(new BigDecimal(po.getString("total_amount"))).isEqualByComparingTo(lines);

      // Every order numbered once, by the company's counter, and its story in its history.
      var sql = app.app().database().sql();
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(DISTINCT order_number) FROM purchase_orders WHERE company_id = $1",
                      company)))
          .isEqualTo(60);
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT max(CAST(order_number AS INTEGER)) FROM purchase_orders WHERE company_id = $1",
                      company)))
          .isEqualTo(10060);
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM purchase_orders p WHERE company_id = $1 AND NOT EXISTS"
                          + " (SELECT 1 FROM record_history h WHERE h.resource = 'purchase-orders' AND h.record_id = p.id AND h.action = 'created')",
                      company)))
          .isZero();
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM purchase_orders p WHERE company_id = $1 AND status = 'delivered'"
                          + " AND (SELECT count(*) FROM record_history h WHERE h.resource = 'purchase-orders' AND h.record_id = p.id) <> 5",
                      company)))
          .as("created, submitted, approved, shipped, delivered")
          .isZero();
      assertThat(
              api.get("/api/v1/invoices?payment_status=paid&status=sent").json().getLong("count"))
          .as("an invoice paid in full is paid")
          .isZero();

      assertThatThrownBy(
              () -> SeedDemoCommand.run(config, new String[] {"--company", owner.companySlug()}))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("already has");
      assertThatThrownBy(
              () -> SeedDemoCommand.run(config, new String[] {"--company", "nobody-here"}))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("create-user");
    }
  }
}
