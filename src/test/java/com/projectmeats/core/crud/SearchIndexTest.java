package com.projectmeats.core.crud;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.db.Dialect;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.OnEachDatastore;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL every resource's search ({@code ?q=}) is answered by its table's one trigram index:
 * a migration must index exactly the expression the engine builds from the declared search fields,
 * so a field made searchable without a new index (or an index written differently) fails here
 * instead of turning search into a scan of the company's rows.
 */
class SearchIndexTest extends OnEachDatastore {

  SearchIndexTest() {
    super(Datastore.POSTGRES);
  }

  @Test
  void everyResourcesSearchUsesItsTrigramIndex() {
    List<String> wrong = new ArrayList<>();
    int searched = 0;
    for (Resource resource : app.app().records().catalog().all()) {
      if (resource.fields().stream()
          .noneMatch(f -> f.searchable() && f.type() != FieldType.REFERENCE)) {
        continue;
      }
      searched++;
      ListQuery q =
          ListQuery.parse(
              resource,
              app.app().records().catalog(),
              MultiMap.caseInsensitiveMultiMap().add("q", "Beef 42"),
              1,
              Dialect.POSTGRES);
      String index = resource.table() + "_search_trgm";
      // With scans that read every row switched off, and the company's btree indexes out of the
      // way (the tables are empty, so they would do), only an index on the search expression can
      // serve the condition; without one the plan falls back to a (disabled) sequential scan.
      assertThat(q.where()).startsWith("t.company_id = $1 AND ");
      String where = q.where().replace("t.company_id = $1 AND ", "$1::bigint IS NOT NULL AND ");
      String plan =
          await(
              app.app()
                  .database()
                  .inTransaction(
                      sql ->
                          sql.update("SET LOCAL enable_seqscan = off")
                              .compose(v -> sql.update("SET LOCAL enable_indexscan = off"))
                              .compose(v -> sql.update("SET LOCAL enable_indexonlyscan = off"))
                              .compose(
                                  v ->
                                      sql.query(
                                          "EXPLAIN SELECT count(*) FROM "
                                              + resource.table()
                                              + " t WHERE "
                                              + where,
                                          q.args().toArray()))
                              .map(
                                  rows -> {
                                    StringBuilder text = new StringBuilder();
                                    for (Row row : rows) {
                                      text.append(row.getString(0)).append('\n');
                                    }
                                    return text.toString();
                                  })));
      if (!plan.contains("Bitmap Index Scan on " + index)) {
        wrong.add(resource.name() + " does not use " + index + ":\n" + plan);
      }
    }
    assertThat(searched).isGreaterThan(10);
    assertThat(wrong).isEmpty();
  }

  /**
   * A table that stores its search text (V84) must store exactly what {@link Dialect#searchText}
   * builds from its resource's search fields: a field made searchable (or reordered) without a new
   * column would otherwise go unsearched. PostgreSQL deparses both, the column's generation
   * expression and the same text indexed on the fly, so they compare as strings.
   */
  @Test
  void aStoredSearchTextIsTheSearchExpressionOfItsResource() {
    List<String> wrong = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (Resource resource : app.app().records().catalog().all()) {
      if (!resource.storedSearchText()) {
        continue;
      }
      checked.add(resource.table());
      List<String> columns =
          resource.fields().stream()
              .filter(f -> f.searchable() && f.type() != FieldType.REFERENCE)
              .map(Field::column)
              .toList();
      String table = resource.table();
      List<String> both =
          await(
              app.app()
                  .database()
                  .inTransaction(
                      sql ->
                          sql.update(
                                  "CREATE INDEX search_text_probe ON "
                                      + table
                                      + " ("
                                      + Dialect.searchText(columns)
                                      + ")")
                              .compose(
                                  v ->
                                      sql.query(
                                          "SELECT pg_get_indexdef('search_text_probe'::regclass),"
                                              + " (SELECT pg_get_expr(d.adbin, d.adrelid) FROM"
                                              + " pg_attrdef d JOIN pg_attribute a ON a.attrelid ="
                                              + " d.adrelid AND a.attnum = d.adnum WHERE"
                                              + " d.adrelid = '"
                                              + table
                                              + "'::regclass AND a.attname = 'search_text')"))
                              .compose(
                                  rows ->
                                      sql.update("DROP INDEX search_text_probe")
                                          .map(
                                              v -> {
                                                Row row = rows.iterator().next();
                                                return List.of(
                                                    row.getString(0),
                                                    String.valueOf(row.getString(1)));
                                              }))));
      if (!both.get(0).contains(both.get(1))) {
        wrong.add(table + ": search_text is " + both.get(1) + ", the search " + both.get(0));
      }
    }
    // The five order-like tables V84 gave the column: a declaration that lost the flag would fall
    // back to the unindexed expression, a slower search that finds the same rows.
    assertThat(checked)
        .containsExactlyInAnyOrder(
            "purchase_orders", "sales_orders", "carrier_purchase_orders", "invoices", "claims");
    assertThat(wrong).isEmpty();
  }

  /**
   * The search indexes keep no pending list (V85): a search would scan it whole until a vacuum, 4
   * times the statement's time on a freshly seeded database (bench/CHANGES.md 58).
   */
  @Test
  void searchIndexesTakeNewEntriesAtOnce() {
    List<String> pending = new ArrayList<>();
    long indexes =
        await(
            app.app()
                .database()
                .sql()
                .query(
                    "SELECT relname, coalesce(reloptions @> '{fastupdate=off}', false) FROM"
                        + " pg_class WHERE relkind = 'i' AND relname LIKE '%\\_search\\_trgm'")
                .map(
                    rows -> {
                      long n = 0;
                      for (Row row : rows) {
                        n++;
                        if (!row.getBoolean(1)) {
                          pending.add(row.getString(0));
                        }
                      }
                      return n;
                    }));
    assertThat(indexes).isGreaterThan(10);
    assertThat(pending).isEmpty();
  }
}
