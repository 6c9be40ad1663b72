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

  /**
   * What only the API's write path produces, for every record the seed wrote (written in batches,
   * many to a transaction): a raw insert, or a create that skipped numbering, totals, the payment
   * roll-up or history, fails one of these.
   */
  private static void throughTheApisRules(com.projectmeats.core.db.Sql sql, long company) {
    // Numbered by the company's counter: 10001, 10002, … without a gap or a repeat, and the
    // counter stands at the last number given.
    for (String[] numbered :
        new String[][] {
          {"purchase_orders", "order_number", "purchase-orders"},
          {"sales_orders", "order_number", "sales-orders"},
          // Carrier POs keep no history (neither through the API).
          {"carrier_purchase_orders", "carrier_po_number", "carrier-purchase-orders", "no history"},
          {"invoices", "invoice_number", "invoices"}
        }) {
      String table = numbered[0];
      String column = numbered[1];
      long rows =
          Fixtures.await(
              sql.count("SELECT count(*) FROM " + table + " WHERE company_id = $1", company));
      assertThat(rows).as(table).isPositive();
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(DISTINCT "
                          + column
                          + ") FROM "
                          + table
                          + " WHERE company_id = $1 AND CAST("
                          + column
                          + " AS INTEGER) BETWEEN 10001 AND $2",
                      company,
                      10000 + rows)))
          .as(table + ": numbers 10001 to " + (10000 + rows) + ", each once")
          .isEqualTo(rows);
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT value FROM counters WHERE company_id = $1 AND name = $2",
                      company,
                      numbered[2])))
          .as(table + ": the counter")
          .isEqualTo(10000 + rows);
      if (numbered.length > 3) {
        continue;
      }
      // Created in history, by the owner the seed acts as.
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM "
                          + table
                          + " t WHERE t.company_id = $1 AND NOT EXISTS (SELECT 1 FROM record_history h"
                          + " WHERE h.company_id = t.company_id AND h.resource = $2 AND h.record_id = t.id"
                          + " AND h.action = 'created' AND h.user_id = t.created_by)",
                      company,
                      numbered[2])))
          .as(table + ": each created in history")
          .isZero();
    }
    // Totals from the lines, by the totals rule.
    for (String[] order :
        new String[][] {
          {"purchase_orders", "purchase_order_lines", "purchase_order_id"},
          {"sales_orders", "sales_order_lines", "sales_order_id"},
          {"invoices", "invoice_lines", "invoice_id"}
        }) {
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM "
                          + order[0]
                          + " t WHERE t.company_id = $1 AND (t.total_amount <> (SELECT sum(l.line_total) FROM "
                          + order[1]
                          + " l WHERE l."
                          + order[2]
                          + " = t.id) OR t.total_amount = 0)",
                      company)))
          .as(order[0] + ": total is the sum of its lines")
          .isZero();
    }
    // Paid and outstanding from the payments, by the roll-up; every status change in history.
    assertThat(
            Fixtures.await(
                sql.count(
                    "SELECT count(*) FROM invoices i WHERE i.company_id = $1 AND (i.paid_amount <>"
                        + " (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.invoice_id = i.id)"
                        + " OR i.outstanding_amount <> i.total_amount - i.paid_amount)",
                    company)))
        .as("invoices: paid and outstanding follow the payments")
        .isZero();
    assertThat(
            Fixtures.await(
                sql.count(
                    "SELECT count(*) FROM invoices i WHERE i.company_id = $1 AND i.status <> 'draft'"
                        + " AND NOT EXISTS (SELECT 1 FROM record_history h WHERE h.company_id = i.company_id"
                        + " AND h.resource = 'invoices' AND h.record_id = i.id AND h.action = 'send')",
                    company)))
        .as("invoices: each sent one's send in history")
        .isZero();
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
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM sales_orders s WHERE company_id = $1 AND status = 'delivered'"
                          + " AND (SELECT count(*) FROM record_history h WHERE h.resource = 'sales-orders' AND h.record_id = s.id) <> 4",
                      company)))
          .as("created, confirmed, shipped, delivered")
          .isZero();
      // The parties go in one transaction, each supplier then named its plant by the API's update.
      assertThat(
              Fixtures.await(
                  sql.count(
                      "SELECT count(*) FROM suppliers s WHERE company_id = $1 AND s.plant_id IS NOT NULL"
                          + " AND EXISTS (SELECT 1 FROM record_history h WHERE h.resource = 'suppliers'"
                          + " AND h.record_id = s.id AND h.action = 'updated')",
                      company)))
          .as("suppliers with their plant, updated in history")
          .isEqualTo(30);
      assertThat(
              api.get("/api/v1/invoices?payment_status=paid&status=sent").json().getLong("count"))
          .as("an invoice paid in full is paid")
          .isZero();
      throughTheApisRules(sql, company);

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
