package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads records as the API shows them: the row, each reference's display name ({@code
 * supplier_name}) and the owned rows. Lists and single reads share the SELECT, built once per
 * resource since the catalog is fixed.
 */
final class RecordReader {
  private final Catalog catalog;
  private final Map<String, String> selects;

  RecordReader(Catalog catalog) {
    this.catalog = catalog;
    this.selects =
        catalog.all().stream()
            .collect(Collectors.toUnmodifiableMap(Resource::name, r -> select(r, r.table())));
  }

  /** The company's record with its owned rows; a 404 for an id of another company or none. */
  Future<Versioned> read(Sql sql, Principal caller, Resource resource, long id) {
    return sql.one(
            select(resource) + " WHERE t.id = $1 AND t.company_id = $2", id, caller.company())
        .compose(
            found -> {
              Row row = found.orElseThrow(() -> notFound(resource, id));
              JsonObject body = RecordMapper.json(resource, row);
              long version = row.getLong("version");
              return loadChildren(sql, resource, id, body).map(v -> new Versioned(body, version));
            });
  }

  private Future<Void> loadChildren(Sql sql, Resource resource, long id, JsonObject body) {
    Future<Void> chain = Future.succeededFuture();
    for (Child child : resource.children()) {
      chain =
          chain.compose(
              v ->
                  sql.query(
                          "SELECT * FROM "
                              + child.table()
                              + " WHERE "
                              + child.parentColumn()
                              + " = $1 ORDER BY position, id",
                          id)
                      .map(
                          rows -> {
                            JsonArray list = new JsonArray();
                            rows.forEach(r -> list.add(RecordMapper.childJson(child, r)));
                            body.put(child.name(), list);
                            return null;
                          }));
    }
    return chain;
  }

  /** The resource's SELECT from its table as t, ready for a WHERE. */
  String select(Resource resource) {
    return selects.get(resource.name());
  }

  /**
   * The record's columns and each reference's display name, from {@code source} (a table or a
   * subquery) as t.
   */
  String select(Resource resource, String source) {
    StringBuilder sql = new StringBuilder("SELECT t.*");
    StringBuilder joins = new StringBuilder();
    for (Field f : resource.fields()) {
      if (f.type() == FieldType.REFERENCE) {
        Resource target = catalog.get(f.reference());
        String alias = "r_" + f.name();
        sql.append(", ")
            .append(alias)
            .append(".")
            .append(target.displayColumn())
            .append(" AS ")
            .append(f.name())
            .append("_name");
        joins
            .append(" LEFT JOIN ")
            .append(target.table())
            .append(" ")
            .append(alias)
            .append(" ON ")
            .append(alias)
            .append(".id = t.")
            .append(f.column());
      }
    }
    return sql.append(" FROM ").append(source).append(" t").append(joins).toString();
  }

  /**
   * {@code <ref>_name}: the referenced record's name read by a subquery of the row {@code t}, for a
   * statement whose rows hold only some of the resource's columns (global search's first matches),
   * which {@link #select(Resource, String)}'s joins of every reference cannot read.
   */
  String nameOf(Field ref) {
    Resource target = catalog.get(ref.reference());
    return "(SELECT r."
        + target.displayColumn()
        + " FROM "
        + target.table()
        + " r WHERE r.id = t."
        + ref.column()
        + ") AS "
        + ref.name()
        + "_name";
  }

  static ApiException notFound(Resource resource, long id) {
    return ApiException.notFound(
        "No " + resource.singular().toLowerCase() + " with id " + id + ".");
  }
}
