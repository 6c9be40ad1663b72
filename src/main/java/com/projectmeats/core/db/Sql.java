package com.projectmeats.core.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;

/**
 * One SQL client for both datastores: the pool, or the connection of a transaction. Every query is
 * bounded by the configured timeout, so a hung database answers 503 instead of hanging the caller.
 */
public final class Sql {
  private final SqlClient client;
  private final SqlClient searches;
  private final Dialect dialect;
  private final Duration timeout;

  Sql(SqlClient client, Dialect dialect, Duration timeout) {
    this(client, client, dialect, timeout);
  }

  Sql(SqlClient client, SqlClient searches, Dialect dialect, Duration timeout) {
    this.client = client;
    this.searches = searches;
    this.dialect = dialect;
    this.timeout = timeout;
  }

  /**
   * The same datastore for search statements (a list's, global search's): on PostgreSQL, outside a
   * transaction, connections whose prepared statements are planned once for any parameter values (a
   * generic plan, {@code plan_cache_mode = force_generic_plan}) instead of on every run. See {@link
   * Database#sql()}. Elsewhere this Sql itself.
   */
  public Sql searches() {
    return searches == client ? this : new Sql(searches, dialect, timeout);
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * {@code $from, …, $to}: the parameters of an IN list or a VALUES row, numbered from {@code
   * from}.
   */
  public static String placeholders(int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = from; i <= to; i++) {
      out.append(i == from ? "" : ", ").append('$').append(i);
    }
    return out.toString();
  }

  public Future<RowSet<Row>> query(String sql, Object... args) {
    return query(sql, Tuple.from(args));
  }

  public Future<RowSet<Row>> query(String sql, Tuple args) {
    long start = System.nanoTime();
    Future<RowSet<Row>> result =
        args.size() == 0
            ? client.query(dialect.sql(sql)).execute()
            : client.preparedQuery(dialect.sql(sql)).execute(dialect.bind(args));
    return DatabaseTimeout.bound(
            DatabaseTimeout.track(result), start, timeout, DatabaseTimeout.Wait.STATEMENT)
        .recover(DatabaseErrors::translate);
  }

  public Future<Optional<Row>> one(String sql, Object... args) {
    return query(sql, args)
        .map(
            rows -> {
              var it = rows.iterator();
              return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
            });
  }

  public Future<Long> count(String sql, Object... args) {
    return query(sql, args).map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Integer> update(String sql, Object... args) {
    return query(sql, args).map(RowSet::rowCount);
  }
}
