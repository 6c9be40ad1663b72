package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that every reference a write carries (its own and its owned rows') names a record of the
 * caller's company.
 */
final class References {
  private final Catalog catalog;

  References(Catalog catalog) {
    this.catalog = catalog;
  }

  /** One reference to check: the key a 422 names it by, the field, and the id sent. */
  private record Link(String key, Field field, Object id) {}

  /** A record looked up: its table and id; several links naming one record share its lookup. */
  private record Target(String table, Object id) {}

  /** Fails with a 422 naming each reference to a missing record (or another company's). */
  Future<Void> check(Sql sql, Principal caller, Resource resource, Submission input) {
    List<Link> links = new ArrayList<>();
    collect(links, "", resource.fields(), input.values());
    for (Child child : resource.children()) {
      List<Map<String, Object>> rows = input.children().getOrDefault(child.name(), List.of());
      for (int i = 0; i < rows.size(); i++) {
        collect(links, child.name() + "[" + i + "].", child.fields(), rows.get(i));
      }
    }
    if (links.isEmpty()) {
      return Future.succeededFuture();
    }
    // One statement for all of them, a column per record named: a write pays one round trip and
    // one statement for its references however many it carries.
    Map<Target, Integer> columns = new LinkedHashMap<>();
    List<Object> args = new ArrayList<>(List.of(caller.company()));
    List<String> lookups = new ArrayList<>();
    for (Link link : links) {
      Target target = new Target(catalog.get(link.field().reference()).table(), link.id());
      if (!columns.containsKey(target)) {
        args.add(target.id());
        columns.put(target, lookups.size());
        lookups.add(
            "(SELECT count(*) FROM "
                + target.table()
                + " WHERE id = $"
                + args.size()
                + " AND company_id = $1)");
      }
    }
    return sql.one("SELECT " + String.join(", ", lookups), args.toArray())
        .map(
            found -> {
              Row row = found.orElseThrow();
              Map<String, List<String>> errors = new LinkedHashMap<>();
              for (Link link : links) {
                Resource target = catalog.get(link.field().reference());
                int column = columns.get(new Target(target.table(), link.id()));
                if (((Number) row.getValue(column)).longValue() == 0) {
                  errors.put(
                      link.key(),
                      List.of(
                          "No " + target.singular().toLowerCase() + " with id " + link.id() + "."));
                }
              }
              if (!errors.isEmpty()) {
                throw ApiException.validation(errors);
              }
              return null;
            });
  }

  private static void collect(
      List<Link> links, String prefix, List<Field> fields, Map<String, Object> values) {
    for (Field f : fields) {
      Object id = values.get(f.name());
      if (f.type() == FieldType.REFERENCE && id != null) {
        links.add(new Link(prefix + f.name(), f, id));
      }
    }
  }
}
