package com.projectmeats.core.db;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica that meets PostgreSQL's connection limit (a rollout on the smallest managed database, a
 * DB_POOL_SIZE set too high) answers 503, as for a database it cannot reach, not 500.
 */
class ConnectionLimitTest {

  @Test
  void aConnectionPastTheRolesLimitAnswersUnavailable() throws Exception {
    Vertx vertx = Vertx.vertx();
    String url = Datastore.POSTGRES.freshUrl();
    String role = "pm_limited_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Database admin = Database.open(vertx, config(url));
    Database limited = null;
    try {
      // Superusers are exempt from connection limits, so the service connects as a plain role.
      await(
          admin
              .sql()
              .update("CREATE ROLE " + role + " LOGIN PASSWORD 'limited' CONNECTION LIMIT 1"));
      URI uri = URI.create(url);
      limited =
          Database.open(
              vertx,
              config(
                  "postgres://"
                      + role
                      + ":limited@"
                      + uri.getHost()
                      + ":"
                      + uri.getPort()
                      + uri.getPath()));

      // A transaction holds the role's one connection; a statement then needs another.
      Promise<Void> holding = Promise.promise();
      Future<Object> transaction =
          limited.inTransaction(
              sql -> {
                holding.complete();
                return sql.query("SELECT pg_sleep(2)").map(rows -> null);
              });
      await(holding.future());
      Throwable refused =
          await(limited.sql().query("SELECT 1").map(rows -> (Throwable) null).otherwise(e -> e));
      assertThat(refused).isInstanceOf(ApiException.class);
      assertThat(((ApiException) refused).status()).isEqualTo(503);
      assertThat(((ApiException) refused).code()).isEqualTo("database_unavailable");
      await(transaction);
    } finally {
      if (limited != null) {
        await(limited.close());
      }
      await(admin.close());
      Datastore.POSTGRES.dispose(url);
      Database cleanup = Database.open(vertx, config(url.replaceAll("/[^/]+$", "/postgres")));
      await(cleanup.sql().update("DROP ROLE IF EXISTS " + role));
      await(cleanup.close());
      await(vertx.close());
    }
  }

  private static AppConfig config(String url) {
    return AppConfig.from(TestApp.env(url));
  }
}
