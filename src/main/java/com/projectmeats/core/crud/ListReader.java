package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a resource's list: the request's filters, search and ordering ({@link ListQuery}) run
 * as SQL.
 */
final class ListReader {
  private final RecordReader reader;
  private final Catalog catalog;

  ListReader(RecordReader reader, Catalog catalog) {
    this.reader = reader;
    this.catalog = catalog;
  }

  /**
   * The {count, next, previous, results} envelope; its links point at {@code url} (its query string
   * is left out).
   */
  Future<JsonObject> page(
      Sql sql, Principal caller, Resource resource, MultiMap params, String url) {
    ListQuery q;
    try {
      q = ListQuery.parse(resource, catalog, params, caller.company(), sql.dialect());
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    Object[] args = q.args().toArray();
    String count = "SELECT count(*) FROM " + resource.table() + " t WHERE " + q.where();
    List<Object> pageArgs = new ArrayList<>(q.args());
    pageArgs.addAll(q.orderArgs());
    pageArgs.add((long) q.page().size());
    pageArgs.add(q.page().offset());
    String limit = " LIMIT $" + (pageArgs.size() - 1) + " OFFSET $" + pageArgs.size();
    if (q.narrowSearch()) {
      // A search's page has to read every match anyway (a trigram index gives no order), so the
      // matches are read once, narrow (id and the ordering columns), and both counted and sorted
      // from that; only the page's rows are read whole, with their references' names. MATERIALIZED
      // keeps PostgreSQL from walking an ordered index through all the company's rows instead.
      // (A term too short for a trigram matches too much for this; it keeps the two statements,
      // where the page stops after its rows.) An empty page past the first still needs the count.
      //
      // The search's alternatives (the row's own fields, each counterpart's name) are a UNION ALL,
      // each read by its own index, rather than one OR: the OR's generic plan (PostgreSQL's, for a
      // statement kept prepared) filtered all the company's rows through a covering index, 7 ms
      // for a search of 9,006 invoices that found none. Each branch has one good plan whatever
      // the term: the trigram index for the row's own fields; for a counterpart's rows, the
      // reference's covering index (V82), without reading the table. The branches never overlap
      // (ListQuery), so a row reached both ways is counted once without UNION's de-duplication.
      // The page's references' names are joins: planned once for the session (below), they cost
      // less to run than a subquery per name and row.
      //
      // Where a counterpart's name would bring thousands of rows for a page of 25, PostgreSQL
      // reads the page's few candidates instead and counts apart (SearchSplit).
      if (q.split() != null) {
        pageArgs.add(q.page().offset() + q.page().size());
      }
      ListQuery.Matches found =
          q.matches(resource.table(), q.orderColumns(), "$" + pageArgs.size(), false);
      String page =
          "(SELECT t.*, c.n AS list_count FROM (SELECT t.id FROM found t ORDER BY "
              + q.orderBy()
              + limit
              + ") p JOIN "
              + resource.table()
              + " t ON t.id = p.id CROSS JOIN (SELECT ("
              + found.count()
              + ") AS n) c)";
      // Its generic plan is its custom plan without the planning on every run (Sql#searches).
      return sql.searches()
          .query(
              found.with() + reader.select(resource, page) + " ORDER BY " + q.orderBy(),
              pageArgs.toArray())
          .compose(
              set -> {
                JsonArray results = new JsonArray(RecordMapper.json(resource, set));
                long total =
                    results.isEmpty()
                        ? 0
                        : ((Number) set.iterator().next().getValue("list_count")).longValue();
                Future<Long> counted =
                    results.isEmpty() && q.page().number() > 1
                        ? sql.count(count, args)
                        : Future.succeededFuture(total);
                return counted.map(n -> q.page().envelope(url, params, n, results));
              });
    }
    Future<Long> counted = sql.count(count, args);
    Future<JsonArray> rows =
        rows(sql, resource, q, q.page().size(), q.page().offset()).map(JsonArray::new);
    return Future.all(counted, rows)
        .map(done -> q.page().envelope(url, params, counted.result(), rows.result()));
  }

  /**
   * At most {@code limit} records of the list from {@code offset} on, in its order, as the API
   * shows them.
   */
  Future<List<Object>> rows(Sql sql, Resource resource, ListQuery q, long limit, long offset) {
    List<Object> args = new ArrayList<>(q.args());
    // A search's ORDER BY ranks the number typed first: its parameters follow the condition's.
    args.addAll(q.orderArgs());
    args.add(limit);
    args.add(offset);
    String page =
        reader.select(resource)
            + " WHERE "
            + q.where()
            + " ORDER BY "
            + q.orderBy()
            + " LIMIT $"
            + (args.size() - 1)
            + " OFFSET $"
            + args.size();
    return sql.query(page, args.toArray()).map(set -> RecordMapper.json(resource, set));
  }
}
