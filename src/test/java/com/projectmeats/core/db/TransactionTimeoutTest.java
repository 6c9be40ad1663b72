package com.projectmeats.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.FreezableProxy;
import com.projectmeats.testing.Postgres;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A PostgreSQL server that stops answering in the middle of a transaction: the caller hears 503
 * within the query timeout instead of waiting on a COMMIT or ROLLBACK that carries no timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionTimeoutTest {
  private String url;
  private FreezableProxy proxy;
  private TestApp app;

  @BeforeAll
  void start() throws Exception {
    url = Postgres.freshDatabaseUrl();
    URI db = URI.create(url);
    proxy = new FreezableProxy(db.getHost(), db.getPort());
    String viaProxy =
        "postgres://" + db.getUserInfo() + "@127.0.0.1:" + proxy.port() + db.getPath();
    app =
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
                "1000"));
  }

  @AfterAll
  void stop() throws Exception {
    proxy.thaw();
    try {
      app.app().stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      proxy.close();
      Postgres.drop(url);
    }
  }

  private long millisToFail(Function<Sql, Future<Object>> work) throws Exception {
    long t0 = System.nanoTime();
    try {
      app.app()
          .database()
          .inTransaction(work)
          .toCompletionStage()
          .toCompletableFuture()
          .get(8, TimeUnit.SECONDS);
      throw new AssertionError("the transaction succeeded against a frozen server");
    } catch (java.util.concurrent.ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ApiException.class);
      assertThat(((ApiException) e.getCause()).status()).isEqualTo(503);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the transaction still had no answer after 8 s", e);
    } finally {
      proxy.thaw();
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static final String INSERT =
      "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4)";

  @Test
  void aServerThatFreezesBeforeCommitGivesA503InTime() throws Exception {
    long ms =
        millisToFail(
            sql ->
                sql.update(INSERT, "Frozen", "frozen-commit", true, Instant.now())
                    .map(
                        n -> {
                          proxy.freeze();
                          return n;
                        }));
    assertThat(ms).isLessThan(3000);
  }

  @Test
  void aServerThatFreezesMidStatementGivesA503InTimeThoughRollbackHangsToo() throws Exception {
    long ms =
        millisToFail(
            sql -> {
              proxy.freeze();
              return sql.update(INSERT, "Frozen", "frozen-rollback", true, Instant.now())
                  .map(n -> (Object) n);
            });
    assertThat(ms).isLessThan(3000);
  }
}
