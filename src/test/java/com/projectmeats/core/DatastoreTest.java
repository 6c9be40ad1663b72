package com.projectmeats.core;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The repository layer behaves the same on both datastores: values, errors, transactions,
 * concurrency.
 */
class DatastoreTest {

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
    private Sql sql;

    Contract(Datastore datastore) {
      super(datastore);
    }

    @BeforeAll
    void start() {
      sql = app.app().database().sql();
    }

    private String tag() {
      return datastore.name().toLowerCase();
    }

    private long insertCompany(String slug) {
      return insertCompany(slug, Instant.now());
    }

    private long insertCompany(String slug, Instant createdOn) {
      return await(
              sql.one(
                  "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                  "Acme " + slug,
                  slug,
                  true,
                  createdOn))
          .orElseThrow()
          .getLong("id");
    }

    @Test
    void valuesRoundTripAndPlaceholdersMayRepeat() {
      Instant created = Instant.parse("2026-11-20T14:02:11.123456Z");
      long id =
          await(
                  sql.one(
                      "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                      "Cactus Packing",
                      "cactus",
                      false,
                      created))
              .orElseThrow()
              .getLong("id");
      var row = await(sql.one("SELECT * FROM companies WHERE id = $1", id)).orElseThrow();
      assertThat(row.getString("name")).isEqualTo("Cactus Packing");
      assertThat(Rows.bool(row, "active")).isFalse();
      assertThat(Rows.instant(row, "created_on")).isEqualTo(created.truncatedTo(ChronoUnit.MICROS));
      assertThat(Rows.instant(row, "modified_on")).isEqualTo(Rows.instant(row, "created_on"));
    }

    @Test
    void timestampsCompareInTimeOrder() {
      // Explicit times a microsecond either side of the cut (the stored precision): two calls of
      // Instant.now() in a row can fall in the same microsecond.
      Instant cut = Instant.now().plusSeconds(3600);
      insertCompany("early-" + tag(), cut.minusNanos(1_000));
      insertCompany("same-" + tag(), cut);
      long late = insertCompany("late-" + tag(), cut.plusNanos(1_000));
      var after = await(sql.query("SELECT id FROM companies WHERE created_on > $1", cut));
      List<Long> ids = new ArrayList<>();
      after.forEach(r -> ids.add(r.getLong("id")));
      assertThat(ids).containsExactly(late);
    }

    @Test
    void duplicateIsAUniqueViolation() {
      insertCompany("dup-" + tag());
      assertThatThrownBy(() -> insertCompany("dup-" + tag()))
          .isInstanceOf(IllegalStateException.class)
          .hasCauseInstanceOf(DatabaseErrors.UniqueViolation.class);
    }

    @Test
    void failedTransactionLeavesNothing() {
      Future<Object> tx =
          app.app()
              .database()
              .inTransaction(
                  tsql ->
                      tsql.update(
                              "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4)",
                              "Half",
                              "half-" + tag(),
                              true,
                              Instant.now())
                          .compose(
                              n ->
                                  Future.failedFuture(
                                      new IllegalStateException("second step failed"))));
      assertThatThrownBy(() -> await(tx)).hasMessageContaining("second step failed");
      assertThat(
              await(sql.count("SELECT count(*) FROM companies WHERE slug = $1", "half-" + tag())))
          .isZero();
    }

    @Test
    void aStatementAfterATransactionIsCommittedOnItsOwn() {
      String ins =
          "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4)";
      await(
          app.app()
              .database()
              .inTransaction(tsql -> tsql.update(ins, "Tx", "tx-" + tag(), true, Instant.now())));
      await(sql.update(ins, "Plain", "plain-" + tag(), true, Instant.now()));
      Future<Object> failing =
          app.app()
              .database()
              .inTransaction(
                  tsql ->
                      tsql.count("SELECT count(*) FROM companies")
                          .compose(
                              n ->
                                  Future.failedFuture(
                                      new IllegalStateException("unrelated rollback"))));
      assertThatThrownBy(() -> await(failing)).hasMessageContaining("unrelated rollback");
      assertThat(
              await(
                  sql.count(
                      "SELECT count(*) FROM companies WHERE slug IN ($1, $2)",
                      "tx-" + tag(),
                      "plain-" + tag())))
          .isEqualTo(2);
    }

    @Test
    void concurrentWriteTransactionsQueueInsteadOfFailing() {
      List<Future<Long>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String slug = "concurrent-" + datastore.name().toLowerCase() + "-" + i;
        writes.add(
            app.app()
                .database()
                .inTransaction(
                    tsql ->
                        tsql.count("SELECT count(*) FROM companies")
                            .compose(
                                n ->
                                    tsql.one(
                                        "INSERT INTO companies (name, slug, active, created_on, modified_on) VALUES ($1, $2, $3, $4, $4) RETURNING id",
                                        "Co " + n,
                                        slug,
                                        true,
                                        Instant.now()))
                            .map(r -> r.orElseThrow().getLong(0))));
      }
      List<Long> ids = await(Future.all(writes).map(all -> all.<Long>list()));
      assertThat(ids).hasSize(50).doesNotHaveDuplicates();
    }
  }
}
