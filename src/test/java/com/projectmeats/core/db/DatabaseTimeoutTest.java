package com.projectmeats.core.db;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.config.DatabaseSettings;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Past DB_QUERY_TIMEOUT_MS the client hears 503 database_timeout (the database did not answer in
 * time; Retry-After), told apart from a connection that was lost or refused (503
 * database_unavailable) and from a wait for a pooled connection (database_timeout, saying so).
 */
class DatabaseTimeoutTest {
  private static final long LIMIT_MS = 2000;

  /** The answer a request held past the limit gets, within the limit and a little. */
  private static void assertDatabaseTimeout(Http.Response answer, long ms) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(503);
    assertThat(answer.json().getString("code")).isEqualTo("database_timeout");
    assertThat(answer.json().getString("detail"))
        .isEqualTo("The database did not answer within " + LIMIT_MS + " ms; try again shortly.");
    assertThat(answer.header("Retry-After")).isEqualTo("5");
    assertThat(ms).isBetween(LIMIT_MS - 100, LIMIT_MS + 3000);
  }

  @Test
  void onlyTheBoundsOwnTimerIsATimeout() {
    Promise<Object> silent = Promise.promise();
    Throwable fired =
        await(
            DatabaseTimeout.bound(
                    silent.future(),
                    System.nanoTime(),
                    Duration.ofMillis(50),
                    DatabaseTimeout.Wait.STATEMENT)
                .map(v -> (Throwable) null)
                .otherwise(e -> e));
    assertThat(fired).isInstanceOf(DatabaseTimeout.class);

    TimeoutException foreign = new TimeoutException("some other timer");
    Throwable passed =
        await(
            DatabaseTimeout.bound(
                    Future.failedFuture(foreign),
                    System.nanoTime(),
                    Duration.ofMillis(50),
                    DatabaseTimeout.Wait.STATEMENT)
                .map(v -> (Throwable) null)
                .otherwise(e -> e));
    assertThat(passed).isSameAs(foreign);
  }

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }

    /** Another process (a backup, the migrate command) writes to the file. */
    @Override
    Connection lockSuppliers() throws Exception {
      Connection c = DriverManager.getConnection(((DatabaseSettings.Sqlite) settings()).jdbcUrl());
      try (Statement st = c.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        st.execute("UPDATE suppliers SET name = name");
      }
      return c;
    }

    /**
     * An API write is a transaction, whose BEGIN IMMEDIATE waits for the file's write lock: within
     * the query timeout, as a statement does, not SQLite's usual 30 s (then 503
     * database_unavailable). Meanwhile reads go on: SQLite's one connection is not left waiting.
     */
    @Test
    void aWriteWhileAnotherProcessHoldsTheFileAnswersDatabaseTimeoutAndWritesNothing()
        throws Exception {
      Http.Response answer;
      Http.Response readMeanwhile;
      long ms;
      try (Connection lock = lockSuppliers()) {
        long t0 = System.nanoTime();
        answer = user.post("/api/v1/suppliers", new JsonObject().put("name", "Never Beef"));
        ms = (System.nanoTime() - t0) / 1_000_000;
        readMeanwhile = user.get("/api/v1/suppliers");
      }
      assertDatabaseTimeout(answer, ms);
      assertThat(readMeanwhile.status()).as(readMeanwhile.body()).isEqualTo(200);
      awaitRecovered();
      // Nothing of the refused write was kept, not even once the lock was gone.
      try (Connection c =
              DriverManager.getConnection(((DatabaseSettings.Sqlite) settings()).jdbcUrl());
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT count(*) FROM suppliers WHERE name = 'Never Beef'")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }

    /**
     * The first request of a token writes when it was last used, and nobody waits for that write:
     * it must not keep SQLite's one connection waiting on another process's lock either, or every
     * read behind it would time out.
     */
    @Test
    void aTokensLastUseIsNotRecordedWhileAnotherProcessHoldsTheFileAndReadsGoOn() throws Exception {
      Fixtures fx = new Fixtures(app);
      Http fresh = bearer(fx.member(fx.company("Fresh Co"), Role.USER).token());
      Http.Response read;
      long ms;
      try (Connection lock = lockSuppliers()) {
        long t0 = System.nanoTime();
        read = fresh.get("/api/v1/suppliers");
        Http.Response again = fresh.get("/api/v1/suppliers");
        ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.status()).as(again.body()).isEqualTo(200);
      }
      assertThat(read.status()).as(read.body()).isEqualTo(200);
      assertThat(ms).as("two reads while the file is locked").isLessThan(LIMIT_MS);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }

    @Override
    Connection lockSuppliers() throws Exception {
      return holding("SELECT id FROM suppliers FOR UPDATE");
    }

    /** Even reading suppliers waits: the list's statements, through the API. */
    private Connection lockSuppliersTable() throws Exception {
      return holding("LOCK TABLE suppliers IN ACCESS EXCLUSIVE MODE");
    }

    private Connection holding(String lock) throws Exception {
      Connection c = postgres();
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute(lock);
      }
      return c;
    }

    @Test
    void aListHeldByALockAnswersDatabaseTimeoutWithRetryAfter() throws Exception {
      assertThat(user.get("/api/v1/suppliers").status()).isEqualTo(200);
      Http.Response answer;
      long ms;
      try (Connection lock = lockSuppliersTable()) {
        long t0 = System.nanoTime();
        answer = user.get("/api/v1/suppliers");
        ms = (System.nanoTime() - t0) / 1_000_000;
      }
      assertDatabaseTimeout(answer, ms);
      awaitRecovered();
    }

    private Connection postgres() throws Exception {
      DatabaseSettings.Postgres pg = (DatabaseSettings.Postgres) settings();
      return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    }

    @Test
    void aKilledBackendIsStillUnavailable() throws Exception {
      try (Connection lock = lockSuppliersTable();
          Connection admin = postgres()) {
        CompletableFuture<Http.Response> list =
            CompletableFuture.supplyAsync(() -> user.get("/api/v1/suppliers"));
        awaitStatementWaitingOnLock(admin);
        try (Statement st = admin.createStatement()) {
          st.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                  + " AND wait_event_type = 'Lock'");
        }
        Http.Response answer = list.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.json().getString("code")).isEqualTo("database_unavailable");
      }
      awaitRecovered();
    }

    private void awaitStatementWaitingOnLock(Connection admin) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LIMIT_MS / 2);
      while (System.nanoTime() < deadline) {
        try (Statement st = admin.createStatement();
            ResultSet rs =
                st.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
      throw new AssertionError("no statement of the service waited on the lock in time");
    }
  }

  abstract static class Contract extends OnEachDatastore {
    Http user;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @Override
    protected TestApp startApp() {
      return TestApp.start(
          datastore, Map.of("DB_QUERY_TIMEOUT_MS", Long.toString(LIMIT_MS), "DB_POOL_SIZE", "1"));
    }

    @BeforeAll
    void seed() {
      Fixtures fx = new Fixtures(app);
      user = bearer(fx.member(fx.company("Slow Co"), Role.USER).token());
      assertThat(
              user.post("/api/v1/suppliers", new JsonObject().put("name", "Locked Beef")).status())
          .isEqualTo(201);
    }

    DatabaseSettings settings() {
      return app.app().database().settings();
    }

    /** Another session whose locks keep a write to suppliers waiting; closing it frees them. */
    abstract Connection lockSuppliers() throws Exception;

    @Test
    void aStatementHeldByALockAnswersDatabaseTimeout() throws Exception {
      Throwable refused;
      long ms;
      try (Connection lock = lockSuppliers()) {
        long t0 = System.nanoTime();
        refused =
            await(
                app.app()
                    .database()
                    .sql()
                    .update("UPDATE suppliers SET name = name")
                    .map(n -> (Throwable) null)
                    .otherwise(e -> e));
        ms = (System.nanoTime() - t0) / 1_000_000;
      }
      assertThat(refused).isInstanceOf(ApiException.class);
      ApiException problem = (ApiException) refused;
      assertThat(problem.status()).isEqualTo(503);
      assertThat(problem.code()).isEqualTo("database_timeout");
      assertThat(problem.detail())
          .isEqualTo("The database did not answer within " + LIMIT_MS + " ms; try again shortly.");
      assertThat(problem.headers()).containsEntry("Retry-After", "5");
      assertThat(ms).isBetween(LIMIT_MS - 100, LIMIT_MS + 3000);
      awaitRecovered();
    }

    @Test
    void aTransactionThatGetsNoConnectionSaysSo() throws Exception {
      Database db = app.app().database();
      HeldTransaction held = HeldTransaction.open(db);
      try {
        Throwable refused =
            await(
                db.inTransaction(sql -> sql.query("SELECT 1"))
                    .map(rows -> (Throwable) null)
                    .otherwise(e -> e));
        assertThat(refused).isInstanceOf(ApiException.class);
        ApiException problem = (ApiException) refused;
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("database_timeout");
        assertThat(problem.detail()).contains("No database connection became free within");
        assertThat(problem.headers()).containsKey("Retry-After");
      } finally {
        held.release()
            .otherwise(e -> null)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      }
    }

    void awaitRecovered() throws InterruptedException {
      long deadline = System.currentTimeMillis() + 15_000;
      int status = 0;
      while (System.currentTimeMillis() < deadline
          && (status = user.get("/api/v1/suppliers").status()) != 200) {
        Thread.sleep(100);
      }
      assertThat(status).as("the service answers again once the lock is gone").isEqualTo(200);
    }
  }
}
