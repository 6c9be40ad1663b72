package com.projectmeats.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.FreezableProxy;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.Postgres;
import com.projectmeats.testing.TestApp;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database that accepts connections but answers nothing: bounded 503s, a live service, and
 * recovery.
 */
class HungDatabaseTest {

  @Test
  void healthAndApiAnswer503QuicklyAndRecoverWhenTheDatabaseDoes() throws Exception {
    String url = Postgres.freshDatabaseUrl();
    URI db = URI.create(url);
    try (FreezableProxy proxy = new FreezableProxy(db.getHost(), db.getPort())) {
      String viaProxy =
          "postgres://" + db.getUserInfo() + "@127.0.0.1:" + proxy.port() + db.getPath();
      try (TestApp app =
          TestApp.start(
              Datastore.POSTGRES,
              viaProxy,
              Map.of(
                  "PORT",
                  "0",
                  "DATABASE_URL",
                  viaProxy,
                  "SECRET_KEY",
                  "x".repeat(40),
                  "DB_QUERY_TIMEOUT_MS",
                  "1500"))) {
        Fixtures fx = new Fixtures(app);
        Http api =
            app.http()
                .with(
                    "Authorization",
                    "Bearer " + fx.member(fx.company("Hang Co"), Role.USER).token());
        assertThat(api.get("/api/v1/suppliers").status()).isEqualTo(200);

        proxy.freeze();
        long t0 = System.nanoTime();
        Http.Response health = app.http().get("/healthz");
        long healthMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(health.status()).isEqualTo(503);
        assertThat(healthMs).isLessThan(2000);

        t0 = System.nanoTime();
        Http.Response list = api.get("/api/v1/suppliers");
        long listMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(list.status()).isEqualTo(503);
        assertThat(list.header("Content-Type")).startsWith("application/problem+json");
        assertThat(listMs).isLessThan(5000);
        assertThat(app.http().get("/purchase-orders/1").status())
            .as("static files still served")
            .isEqualTo(200);

        proxy.thaw();
        long deadline = System.currentTimeMillis() + 15_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline
            && (status = app.http().get("/healthz").status()) != 200) {
          Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
        assertThat(api.get("/api/v1/suppliers").status()).isEqualTo(200);
      }
    } finally {
      Postgres.drop(url);
    }
  }
}
