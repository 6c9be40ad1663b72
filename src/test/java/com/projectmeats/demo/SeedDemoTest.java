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
      Fixtures fx = new Fixtures(app);
      long company = fx.company("Demo Brokerage");
      Fixtures.Member owner = fx.member(company, Role.OWNER);
      AppConfig config = AppConfig.from(Map.of("DATABASE_URL", app.databaseUrl(), "SECRET_KEY", "k".repeat(40)));
      assertThat(SeedDemoCommand.run(config, new String[] {"--company", owner.companySlug(), "--orders", "60"})).isZero();

      Http api = app.http().with("Authorization", "Bearer " + owner.token());
      assertThat(api.get("/api/v1/suppliers").json().getLong("count")).isEqualTo(30);
      assertThat(api.get("/api/v1/purchase-orders").json().getLong("count")).isEqualTo(60);
      assertThat(api.get("/api/v1/purchase-orders?status=delivered").json().getLong("count")).isPositive();
      assertThat(api.get("/api/v1/invoices?payment_status=partial").json().getLong("count")
          + api.get("/api/v1/invoices?status=overdue").json().getLong("count")).isPositive();
      JsonObject aging = api.get("/api/v1/reports/receivables-aging").json();
      assertThat(new BigDecimal(aging.getJsonObject("totals").getString("total"))).isPositive();
      JsonObject dashboard = api.get("/api/v1/reports/dashboard").json();
      assertThat(dashboard.getJsonArray("top_customers")).isNotEmpty();
      JsonObject po = api.get("/api/v1/purchase-orders/" + api.get("/api/v1/purchase-orders?page_size=1").json()
          .getJsonArray("results").getJsonObject(0).getLong("id")).json();
      BigDecimal lines = po.getJsonArray("lines").stream().map(l -> new BigDecimal(((JsonObject) l).getString("line_total")))
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(new BigDecimal(po.getString("total_amount"))).isEqualByComparingTo(lines);

      assertThatThrownBy(() -> SeedDemoCommand.run(config, new String[] {"--company", owner.companySlug()}))
          .isInstanceOf(UsageException.class).hasMessageContaining("already has");
      assertThatThrownBy(() -> SeedDemoCommand.run(config, new String[] {"--company", "nobody-here"}))
          .isInstanceOf(UsageException.class).hasMessageContaining("create-user");
    }
  }
}
