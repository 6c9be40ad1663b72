package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.Map;

/**
 * The company's next order, sales order or invoice number when a create leaves it blank. The
 * counter row is bumped inside the create's transaction (an upsert that both datastores run
 * atomically), so concurrent creates get distinct numbers; numbers typed in by hand are skipped.
 */
final class Numbering {
  static final long FIRST = 10001;

  private Numbering() {}

  static Future<Void> assign(
      Sql sql, Principal caller, Resource resource, Map<String, Object> values) {
    String field = resource.numberField();
    if (field == null || values.get(field) != null) {
      return Future.succeededFuture();
    }
    return next(sql, caller, resource, field)
        .map(
            number -> {
              values.put(field, Long.toString(number));
              return null;
            });
  }

  private static Future<Long> next(Sql sql, Principal caller, Resource resource, String field) {
    String column = resource.field(field).orElseThrow().column();
    // Whether a record already has the number (typed in by hand) is asked by the same statement:
    // one round trip a number instead of two.
    return sql.one(
            """
            INSERT INTO counters (company_id, name, value) VALUES ($1, $2, $3)
            ON CONFLICT (company_id, name) DO UPDATE SET value = counters.value + 1
            RETURNING value, (SELECT count(*) FROM %s WHERE company_id = $1 AND %s = CAST(counters.value AS TEXT))"""
                .formatted(resource.table(), column),
            caller.company(),
            resource.name(),
            FIRST)
        .compose(
            found -> {
              Row row = found.orElseThrow();
              return ((Number) row.getValue(1)).longValue() == 0
                  ? Future.succeededFuture(row.getLong(0))
                  : next(sql, caller, resource, field);
            });
  }
}
