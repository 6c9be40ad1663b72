package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a search across every resource reads of each: the exact count of its matches and its first
 * few, in the order its list answers {@code ?q=}, as narrow rows (the id, the display field, the
 * searchable references' names) rather than whole records in a page's envelope. Such a search is a
 * statement per resource, and the orders' statements are planned on every run: the fewer relations
 * and alternatives each names, the less it costs.
 */
final class FirstMatches {
  private final Catalog catalog;
  private final RecordReader reader;
  private final ListReader lists;

  FirstMatches(Catalog catalog, RecordReader reader, ListReader lists) {
    this.catalog = catalog;
    this.reader = reader;
    this.lists = lists;
  }

  /**
   * The resources that searchable references name (suppliers, customers, carriers) where none of
   * the company's records has a name containing {@code term}, in one statement: a search of the
   * resources that refer to them can leave that alternative out.
   */
  Future<Set<String>> unnamed(Sql sql, Principal caller, String term) {
    List<Resource> targets =
        catalog.all().stream()
            .flatMap(r -> r.fields().stream())
            .filter(f -> f.searchable() && f.type() == FieldType.REFERENCE)
            .map(Field::reference)
            .distinct()
            .map(catalog::get)
            .toList();
    if (targets.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    String exists =
        "SELECT "
            + String.join(
                ", ",
                targets.stream()
                    .map(
                        t ->
                            "CASE WHEN EXISTS ("
                                + ListQuery.named(t, "$2", sql.dialect())
                                + ") THEN 1 ELSE 0 END")
                    .toList());
    return sql.one(exists, caller.company(), ListQuery.containing(term))
        .map(
            found -> {
              Row row = found.orElseThrow();
              Set<String> none = new LinkedHashSet<>();
              for (int i = 0; i < targets.size(); i++) {
                if (((Number) row.getValue(i)).intValue() == 0) {
                  none.add(targets.get(i).name());
                }
              }
              return none;
            });
  }

  /**
   * {@code {count, results}}: the count of {@code resource}'s records matching {@code term} and at
   * most {@code limit} of them, each with its id, display field and searchable references' names.
   */
  Future<JsonObject> first(
      Sql sql, Principal caller, Resource resource, String term, int limit, Set<String> unnamed) {
    MultiMap params =
        MultiMap.caseInsensitiveMultiMap().add("q", term).add("page_size", Integer.toString(limit));
    ListQuery q;
    try {
      q = ListQuery.parse(resource, catalog, params, caller.company(), sql.dialect(), unnamed);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    if (!q.narrowSearch()) {
      // A term too short for a trigram: the list's own statements (count, then a page that stops
      // after its rows). So is a resource whose every alternative was left out, rare and right.
      return lists
          .page(sql, caller, resource, params, "")
          .map(
              page ->
                  new JsonObject()
                      .put("count", page.getLong("count"))
                      .put("results", page.getJsonArray("results")));
    }
    Field display = resource.field(resource.displayField()).orElse(null);
    List<Field> names =
        resource.fields().stream()
            .filter(f -> f.searchable() && f.type() == FieldType.REFERENCE)
            .toList();
    Set<String> columns = new LinkedHashSet<>(q.orderColumns());
    if (display != null) {
      columns.add(display.column());
    }
    names.forEach(f -> columns.add(f.column()));
    List<Object> args = new ArrayList<>(q.args());
    args.addAll(q.orderArgs());
    args.add((long) limit);
    // The lone branch too: the row's own fields' branch keeps the company's btree out of its
    // plan, which a generic plan otherwise AND-ed into the trigram bitmap (all 9,400 of the
    // company's carrier orders at 10k for a number no carrier's name holds).
    ListQuery.Matches found =
        q.matches(resource.table(), List.copyOf(columns), "$" + args.size(), true);
    StringBuilder statement = new StringBuilder(found.with()).append("SELECT t.*");
    for (Field f : names) {
      statement.append(", ").append(reader.nameOf(f));
    }
    statement
        .append(", c.n AS list_count FROM (SELECT * FROM found t ORDER BY ")
        .append(q.orderBy())
        .append(" LIMIT $")
        .append(args.size())
        .append(") t CROSS JOIN (SELECT (")
        .append(found.count())
        .append(") AS n) c ORDER BY ")
        .append(q.orderBy());
    // Planned once per connection, as the list's search is (Sql#searches): these statements are
    // the lists' search statements with a different page around them.
    return sql.searches()
        .query(statement.toString(), args.toArray())
        .map(
            set -> {
              JsonArray results = new JsonArray();
              long count = 0;
              for (Row row : set) {
                JsonObject record = new JsonObject().put("id", row.getLong("id"));
                if (display != null) {
                  record.put(
                      display.name(), Codec.toWire(Codec.fromRow(display, row, display.column())));
                }
                for (Field f : names) {
                  Object name = row.getValue(f.name() + "_name");
                  record.put(f.name() + "_name", name == null ? null : name.toString());
                }
                results.add(record);
                count = ((Number) row.getValue("list_count")).longValue();
              }
              return new JsonObject().put("count", count).put("results", results);
            });
  }
}
