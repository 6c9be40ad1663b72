package com.projectmeats.core.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Role;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.Fixtures;
import com.projectmeats.testing.Http;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A list's search statement runs where PostgreSQL plans it once per connection (a generic plan)
 * rather than on every run; every other statement, and a search inside a transaction, keeps the
 * server's usual choice. The answers are the same on both datastores.
 */
class SearchPlansTest {

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
    Http user;
    long first;
    long second;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void seed() {
      Fixtures fx = new Fixtures(app);
      user = bearer(fx.member(fx.company("Plan Meats"), Role.MANAGER).token());
      long supplier =
          user.post("/api/v1/suppliers", new JsonObject().put("name", "Cactus Packing"))
              .createdId();
      first = po(supplier, "40521", "2026-01-01");
      second = po(supplier, "40522", "2026-02-01");
      po(supplier, "77777", "2026-03-01");
    }

    long po(long supplier, String number, String date) {
      return user.post(
              "/api/v1/purchase-orders",
              new JsonObject()
                  .put("supplier", supplier)
                  .put("order_number", number)
                  .put("order_date", date))
          .createdId();
    }

    static <T> T await(Future<T> f) throws Exception {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static String planCacheMode(Sql sql) throws Exception {
      return await(sql.query("SHOW plan_cache_mode")).iterator().next().getString(0);
    }

    @Test
    void aSearchAnswersTheSameOnEveryRun() {
      // More runs than PostgreSQL's five custom plans before it weighs a generic one.
      for (int run = 0; run < 8; run++) {
        Http.Response r = user.get("/api/v1/purchase-orders?q=052");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getLong("count")).isEqualTo(2);
        assertThat(
                r.json().getJsonArray("results").stream().map(o -> ((JsonObject) o).getLong("id")))
            .containsExactly(second, first);
        Http.Response name = user.get("/api/v1/purchase-orders?q=cactus&page_size=2");
        assertThat(name.json().getLong("count")).as(name.body()).isEqualTo(3);
      }
    }

    @Test
    void onlyTheSearchStatementIsPlannedOnce() throws Exception {
      Database db = app.app().database();
      Sql sql = db.sql();
      if (datastore == Datastore.SQLITE) {
        assertThat(sql.searches()).isSameAs(sql);
        return;
      }
      assertThat(planCacheMode(sql)).isEqualTo("auto");
      assertThat(planCacheMode(sql.searches())).isEqualTo("force_generic_plan");
      // In a transaction a search reads what the transaction wrote: its own connection.
      String inTx =
          await(
              db.inTransaction(
                  tx ->
                      tx.searches()
                          .query("SHOW plan_cache_mode")
                          .map(rows -> rows.iterator().next().getString(0))));
      assertThat(inTx).isEqualTo("auto");

      assertThat(user.get("/api/v1/purchase-orders?q=4052").status()).isEqualTo(200);
      // The list's search statement was the last one a search session ran.
      long ranThere =
          await(
                  sql.query(
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                          + " AND application_name = $1 AND query LIKE $2",
                      Database.SEARCH_SESSIONS,
                      "%FROM purchase_orders t WHERE%LIKE%"))
              .iterator()
              .next()
              .getLong(0);
      assertThat(ranThere).isGreaterThanOrEqualTo(1);
    }

    @Test
    void globalSearchsStatementsArePlannedOnceToo() throws Exception {
      Http.Response r = user.get("/api/v1/search?q=4052");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.body()).contains("40521", "40522");
      if (datastore == Datastore.SQLITE) {
        return;
      }
      // Each resource's first matches (the statement that names its count list_count) ran last
      // on one of the search sessions.
      Sql sql = app.app().database().sql();
      long ranThere =
          await(
                  sql.query(
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                          + " AND application_name = $1 AND query LIKE $2",
                      Database.SEARCH_SESSIONS,
                      "%AS list_count FROM%"))
              .iterator()
              .next()
              .getLong(0);
      assertThat(ranThere).isGreaterThanOrEqualTo(1);
    }
  }
}
