package com.projectmeats.core.crud;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one implementation of list, read, create, update, delete and status actions for every
 * declared {@link Resource}: company scoping, validation, references, numbering, rules, ETag
 * versions, Idempotency-Key and history. Each write is one transaction.
 */
public final class ResourceService implements Records {
  private final Database db;
  private final Catalog catalog;
  private final Idempotency idempotency = new Idempotency();
  private final History history = new History();

  /** Each resource's SELECT with the names of its references, built once: the catalog is fixed. */
  private final Map<String, String> selects;

  public ResourceService(Database db, Catalog catalog) {
    this.db = db;
    this.catalog = catalog;
    this.selects = catalog.all().stream().collect(Collectors.toUnmodifiableMap(Resource::name, r -> select(r, r.table())));
  }

  public Catalog catalog() {
    return catalog;
  }

  public Database database() {
    return db;
  }

  // ---- reads -------------------------------------------------------------------------------

  @Override
  public List<String> resources() {
    return catalog.all().stream().map(Resource::name).toList();
  }

  @Override
  public Future<JsonObject> list(Principal caller, String resource, MultiMap query) {
    return list(caller, catalog.get(resource), query, "/api/v1/" + resource);
  }

  @Override
  public Future<JsonObject> get(Principal caller, String resource, long id) {
    return read(db.sql(), caller, catalog.get(resource), id).map(Versioned::body);
  }

  @Override
  public Future<JsonObject> create(Principal caller, String resource, JsonObject body) {
    return create(caller, catalog.get(resource), body, null).map(Versioned::body);
  }

  /** One page of the company's records; the envelope's links point at {@code url} (its query string is left out). */
  public Future<JsonObject> list(Principal caller, Resource resource, MultiMap params, String url) {
    ListQuery q;
    try {
      q = ListQuery.parse(resource, params, caller.company(), db.dialect());
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    Sql sql = db.sql();
    Object[] args = q.args().toArray();
    String count = "SELECT count(*) FROM " + resource.table() + " t WHERE " + q.where();
    List<Object> pageArgs = new ArrayList<>(q.args());
    pageArgs.add((long) q.page().size());
    pageArgs.add(q.page().offset());
    String limit = " LIMIT $" + (pageArgs.size() - 1) + " OFFSET $" + pageArgs.size();
    if (q.narrowSearch()) {
      // A search's page has to read every match anyway (a trigram index gives no order), so the
      // matches are read once, narrow (id and the ordering columns), and both counted and sorted
      // from that; only the page's rows are read whole and joined to their references. MATERIALIZED
      // keeps PostgreSQL from walking an ordered index through all the company's rows instead.
      // (A term too short for a trigram matches too much for this; it keeps the two statements,
      // where the page stops after its rows.) An empty page past the first still needs the count.
      String found = "WITH found AS MATERIALIZED (SELECT " + String.join(", ", q.orderColumns().stream().map(c -> "t." + c).toList())
          + " FROM " + resource.table() + " t WHERE " + q.where() + ") ";
      String page = "(SELECT t.*, c.n AS list_count FROM (SELECT t.id FROM found t ORDER BY " + q.orderBy() + limit
          + ") p JOIN " + resource.table() + " t ON t.id = p.id CROSS JOIN (SELECT count(*) AS n FROM found) c)";
      return sql.query(found + select(resource, page) + " ORDER BY " + q.orderBy(), pageArgs.toArray()).compose(set -> {
        JsonArray results = new JsonArray();
        long total = 0;
        for (Row row : set) {
          results.add(RecordMapper.json(resource, row));
          total = ((Number) row.getValue("list_count")).longValue();
        }
        Future<Long> counted = results.isEmpty() && q.page().number() > 1 ? sql.count(count, args) : Future.succeededFuture(total);
        return counted.map(n -> q.page().envelope(url, params, n, results));
      });
    }
    Future<Long> counted = sql.count(count, args);
    Future<JsonArray> rows = sql.query(select(resource) + " WHERE " + q.where() + " ORDER BY " + q.orderBy() + limit,
            pageArgs.toArray())
        .map(set -> {
          JsonArray results = new JsonArray();
          set.forEach(row -> results.add(RecordMapper.json(resource, row)));
          return results;
        });
    return Future.all(counted, rows).map(done -> q.page().envelope(url, params, counted.result(), rows.result()));
  }

  public Future<Versioned> read(Principal caller, Resource resource, long id) {
    return read(db.sql(), caller, resource, id);
  }

  private Future<Versioned> read(Sql sql, Principal caller, Resource resource, long id) {
    return sql.one(select(resource) + " WHERE t.id = $1 AND t.company_id = $2", id, caller.company())
        .compose(found -> {
          Row row = found.orElseThrow(() -> notFound(resource, id));
          JsonObject body = RecordMapper.json(resource, row);
          long version = row.getLong("version");
          return loadChildren(sql, resource, id, body).map(v -> new Versioned(body, version));
        });
  }

  private Future<Void> loadChildren(Sql sql, Resource resource, long id, JsonObject body) {
    Future<Void> chain = Future.succeededFuture();
    for (Child child : resource.children()) {
      chain = chain.compose(v -> sql.query("SELECT * FROM " + child.table() + " WHERE " + child.parentColumn()
              + " = $1 ORDER BY position, id", id)
          .map(rows -> {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(RecordMapper.childJson(child, r)));
            body.put(child.name(), list);
            return null;
          }));
    }
    return chain;
  }

  public Future<JsonArray> history(Principal caller, Resource resource, long id) {
    return read(caller, resource, id).compose(exists -> history.list(db.sql(), caller.company(), resource, id));
  }

  // ---- writes ------------------------------------------------------------------------------

  public Future<Versioned> create(Principal caller, Resource resource, JsonObject body, String idempotencyKey) {
    Map<String, Object> values;
    Map<String, List<Map<String, Object>>> children;
    try {
      rejectUnknown(resource, body);
      Validator v = new Validator();
      values = v.read(resource.fields(), body, true, "");
      children = readChildren(v, resource, body, true);
      if (!v.errors().isEmpty()) {
        throw ApiException.validation(v.errors());
      }
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    String fingerprint = body.encode();
    Future<Versioned> attempt = db.inTransaction(sql -> idempotency.replay(sql, caller, resource, idempotencyKey, fingerprint)
        .compose(replayed -> replayed.isPresent()
            ? read(sql, caller, resource, replayed.get())
            : insert(sql, caller, resource, values, children)
                .compose(created -> idempotency.remember(sql, caller, resource, idempotencyKey, fingerprint,
                    created.body().getLong("id")).map(created))));
    // Two concurrent retries with one key: the loser's transaction fails on the key; it replays the winner.
    return attempt.recover(failure -> failure instanceof Idempotency.KeyTaken
        ? db.inTransaction(sql -> idempotency.replay(sql, caller, resource, idempotencyKey, fingerprint)
            .compose(id -> read(sql, caller, resource, id.orElseThrow())))
        : Future.failedFuture(conflictFor(resource, failure)));
  }

  /**
   * What a create of {@code body} would answer about its fields, without writing anything: the
   * same Validator and reference checks as POST (rules that need the write are not run). Empty
   * when those pass; keys as in a 422 ({@code lines[0].weight}). For drafts read from documents.
   */
  public Future<Map<String, List<String>>> validate(Principal caller, String resourceName, JsonObject body) {
    Resource resource = catalog.get(resourceName);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    try {
      rejectUnknown(resource, body);
    } catch (ApiException e) {
      return Future.succeededFuture(e.errors());
    }
    Validator v = new Validator();
    Map<String, Object> values = v.read(resource.fields(), body, true, "");
    Map<String, List<Map<String, Object>>> children = readChildren(v, resource, body, true);
    errors.putAll(v.errors());
    return checkReferences(db.sql(), caller, resource, values, children)
        .recover(failure -> {
          if (failure instanceof ApiException e && e.status() == 422) {
            e.errors().forEach(errors::putIfAbsent);
            return Future.succeededFuture();
          }
          return Future.failedFuture(failure);
        })
        .map(v2 -> errors);
  }

  private Future<Versioned> insert(Sql sql, Principal caller, Resource resource, Map<String, Object> values,
                                   Map<String, List<Map<String, Object>>> children) {
    Instant now = Instant.now();
    if (resource.workflow() != null) {
      values.put(resource.workflow().field(), resource.workflow().initial());
    }
    Change change = new Change(sql, caller, resource, null, null, values, children);
    return checkReferences(sql, caller, resource, values, children)
        .compose(v -> Numbering.assign(sql, caller, resource, values))
        .compose(v -> resource.rules().beforeSave(change))
        .compose(v -> {
          List<String> columns = new ArrayList<>(List.of("company_id", "created_on", "modified_on", "created_by", "version"));
          List<Object> args = new ArrayList<>(List.of(caller.company(), now, now, caller.userId(), 1L));
          for (Field f : resource.fields()) {
            if (values.containsKey(f.name())) {
              columns.add(f.column());
              args.add(Codec.toColumn(f, values.get(f.name())));
            }
          }
          String placeholders = Sql.placeholders(1, args.size());
          return sql.one("INSERT INTO " + resource.table() + " (" + String.join(", ", columns) + ") VALUES ("
              + placeholders + ") RETURNING id", args.toArray());
        })
        .compose(row -> {
          long id = row.orElseThrow().getLong(0);
          Change created = change.withId(id);
          return writeChildren(sql, caller, resource, id, children)
              .compose(v -> resource.rules().afterSave(created))
              .compose(v -> read(sql, caller, resource, id))
              .compose(record -> resource.history()
                  ? history.write(sql, caller, resource, id, "created", History.diff(null, record.body())).map(record)
                  : Future.succeededFuture(record));
        });
  }

  public Future<Versioned> update(Principal caller, Resource resource, long id, JsonObject body, boolean full, Long ifMatch) {
    if (!resource.updatable()) {
      return Future.failedFuture(new ApiException(405, "method_not_allowed", "Method not allowed",
          "A " + resource.singular().toLowerCase() + " cannot be changed once recorded; delete it and record a new one."));
    }
    Map<String, Object> values;
    Map<String, List<Map<String, Object>>> children;
    try {
      rejectUnknown(resource, body);
      Validator v = new Validator();
      values = v.read(resource.fields(), body, full, "");
      children = readChildren(v, resource, body, false);
      if (!v.errors().isEmpty()) {
        throw ApiException.validation(v.errors());
      }
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return db.inTransaction(sql -> lock(sql, caller, resource, id, ifMatch).compose(current -> {
      Change change = new Change(sql, caller, resource, id, current.values(), values, children);
      return read(sql, caller, resource, id).compose(before -> checkReferences(sql, caller, resource, values, children)
          .compose(v -> resource.rules().beforeSave(change))
          .compose(v -> {
            List<String> sets = new ArrayList<>(List.of("modified_on = $1", "version = version + 1"));
            List<Object> args = new ArrayList<>(List.of(Instant.now()));
            for (Field f : resource.fields()) {
              if (values.containsKey(f.name())) {
                args.add(Codec.toColumn(f, values.get(f.name())));
                sets.add(f.column() + " = $" + args.size());
              }
            }
            args.add(id);
            args.add(caller.company());
            return sql.update("UPDATE " + resource.table() + " SET " + String.join(", ", sets) + " WHERE id = $"
                + (args.size() - 1) + " AND company_id = $" + args.size(), args.toArray());
          })
          .compose(v -> writeChildren(sql, caller, resource, id, children))
          .compose(v -> resource.rules().afterSave(change))
          .compose(v -> read(sql, caller, resource, id))
          .compose(after -> resource.history()
              ? history.write(sql, caller, resource, id, "updated", History.diff(before.body(), after.body())).map(after)
              : Future.succeededFuture(after)));
    })).recover(failure -> Future.failedFuture(conflictFor(resource, failure)));
  }

  public Future<Void> delete(Principal caller, Resource resource, long id, Long ifMatch) {
    return db.inTransaction(sql -> lock(sql, caller, resource, id, ifMatch).compose(current -> {
          Change change = new Change(sql, caller, resource, id, current.values(), Map.of(), Map.of());
          return sql.update("DELETE FROM " + resource.table() + " WHERE id = $1 AND company_id = $2", id, caller.company())
              .compose(n -> resource.rules().afterDelete(change))
              .compose(v -> resource.history()
                  ? history.write(sql, caller, resource, id, "deleted", new JsonObject())
                  : Future.succeededFuture());
        }))
        .recover(failure -> Future.failedFuture(failure instanceof DatabaseErrors.ForeignKeyViolation
            ? ApiException.conflict("in_use", "This " + resource.singular().toLowerCase()
                + " is still used by other records; archive it instead, or remove those first.")
            : failure));
  }

  public Future<Versioned> transition(Principal caller, Resource resource, long id, Workflow.Transition transition, Long ifMatch) {
    String field = resource.workflow().field();
    return db.inTransaction(sql -> lock(sql, caller, resource, id, ifMatch).compose(current -> {
      String status = (String) current.values().get(field);
      if (!transition.from().contains(status)) {
        throw ApiException.conflict("illegal_transition", "Cannot " + transition.action() + " a " + resource.singular().toLowerCase()
            + " that is " + status + "; allowed from: " + String.join(", ", transition.from().stream().sorted().toList()) + ".", field);
      }
      Map<String, Object> values = new LinkedHashMap<>();
      values.put(field, transition.to());
      Change change = new Change(sql, caller, resource, id, current.values(), values, Map.of());
      return sql.update("UPDATE " + resource.table() + " SET " + resource.field(field).orElseThrow().column()
              + " = $1, modified_on = $2, version = version + 1 WHERE id = $3 AND company_id = $4",
              transition.to(), Instant.now(), id, caller.company())
          .compose(n -> resource.rules().afterTransition(change, transition))
          .compose(v -> resource.history()
              ? history.write(sql, caller, resource, id, transition.action(),
                  new JsonObject().put(field, new JsonObject().put("old", status).put("new", transition.to())))
              : Future.succeededFuture())
          .compose(v -> read(sql, caller, resource, id));
    }));
  }

  // ---- pieces ------------------------------------------------------------------------------

  record Locked(long version, Map<String, Object> values) {}

  /** Reads the row for a write, locking it on PostgreSQL, and checks If-Match. */
  private Future<Locked> lock(Sql sql, Principal caller, Resource resource, long id, Long ifMatch) {
    String forUpdate = sql.dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
    return sql.one("SELECT * FROM " + resource.table() + " WHERE id = $1 AND company_id = $2" + forUpdate, id, caller.company())
        .map(found -> {
          Row row = found.orElseThrow(() -> notFound(resource, id));
          long version = row.getLong("version");
          if (ifMatch != null && ifMatch != version) {
            throw new ApiException(412, "precondition_failed", "Precondition failed",
                "This " + resource.singular().toLowerCase() + " was changed by someone else (version " + version
                    + ", you sent " + ifMatch + "); reload it and apply your change again.");
          }
          return new Locked(version, RecordMapper.values(resource.fields(), row));
        });
  }

  private Future<Void> checkReferences(Sql sql, Principal caller, Resource resource, Map<String, Object> values,
                                       Map<String, List<Map<String, Object>>> children) {
    Map<String, String> errors = new LinkedHashMap<>();
    List<Future<Void>> checks = new ArrayList<>();
    java.util.function.BiConsumer<String, Field> check = (key, f) -> {
      Object id = values.get(f.name());
      if (id == null) {
        return;
      }
      Resource target = catalog.get(f.reference());
      checks.add(sql.count("SELECT count(*) FROM " + target.table() + " WHERE id = $1 AND company_id = $2", id, caller.company())
          .map(n -> {
            if (n == 0) {
              errors.put(key, "No " + target.singular().toLowerCase() + " with id " + id + ".");
            }
            return null;
          }));
    };
    resource.fields().stream().filter(f -> f.type() == FieldType.REFERENCE).forEach(f -> check.accept(f.name(), f));
    for (Child child : resource.children()) {
      List<Map<String, Object>> rows = children.get(child.name());
      if (rows == null) {
        continue;
      }
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = rows.get(i);
        for (Field f : child.fields()) {
          Object id = row.get(f.name());
          if (f.type() == FieldType.REFERENCE && id != null) {
            Resource target = catalog.get(f.reference());
            String key = child.name() + "[" + i + "]." + f.name();
            checks.add(sql.count("SELECT count(*) FROM " + target.table() + " WHERE id = $1 AND company_id = $2", id, caller.company())
                .map(n -> {
                  if (n == 0) {
                    errors.put(key, "No " + target.singular().toLowerCase() + " with id " + id + ".");
                  }
                  return null;
                }));
          }
        }
      }
    }
    // Sequential on purpose: one transaction's connection runs one statement at a time anyway.
    Future<Void> all = Future.succeededFuture();
    for (Future<Void> c : checks) {
      all = all.compose(v -> c);
    }
    return all.map(v -> {
      if (!errors.isEmpty()) {
        Map<String, List<String>> e = new LinkedHashMap<>();
        errors.forEach((k, m) -> e.put(k, List.of(m)));
        throw ApiException.validation(e);
      }
      return null;
    });
  }

  private Map<String, List<Map<String, Object>>> readChildren(Validator v, Resource resource, JsonObject body, boolean creating) {
    Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
    for (Child child : resource.children()) {
      if (!body.containsKey(child.name())) {
        if (creating) {
          out.put(child.name(), new ArrayList<>());
        }
        continue;
      }
      if (!(body.getValue(child.name()) instanceof JsonArray array)) {
        v.error(child.name(), "Must be a list of objects.");
        continue;
      }
      if (array.size() > child.maxRows()) {
        v.error(child.name(), "At most " + child.maxRows() + " rows.");
        continue;
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        if (!(array.getValue(i) instanceof JsonObject item)) {
          v.error(child.name() + "[" + i + "]", "Must be an object.");
          continue;
        }
        Set<String> unknown = new java.util.TreeSet<>(item.fieldNames());
        child.fields().forEach(f -> unknown.remove(f.name()));
        unknown.remove("id");
        if (!unknown.isEmpty()) {
          v.error(child.name() + "[" + i + "]", "Unknown field(s): " + String.join(", ", unknown) + ".");
        }
        rows.add(v.read(child.fields(), item, true, child.name() + "[" + i + "]."));
      }
      out.put(child.name(), rows);
    }
    return out;
  }

  private Future<Void> writeChildren(Sql sql, Principal caller, Resource resource, long id,
                                     Map<String, List<Map<String, Object>>> children) {
    Future<Void> chain = Future.succeededFuture();
    for (Child child : resource.children()) {
      List<Map<String, Object>> rows = children.get(child.name());
      if (rows == null) {
        continue;
      }
      chain = chain.compose(v -> sql.update("DELETE FROM " + child.table() + " WHERE " + child.parentColumn() + " = $1", id).mapEmpty());
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = rows.get(i);
        long position = i;
        chain = chain.compose(v -> {
          List<String> columns = new ArrayList<>(List.of(child.parentColumn(), "company_id", "position"));
          List<Object> args = new ArrayList<>(List.of(id, caller.company(), position));
          for (Field f : child.fields()) {
            columns.add(f.column());
            args.add(Codec.toColumn(f, row.get(f.name())));
          }
          return sql.update("INSERT INTO " + child.table() + " (" + String.join(", ", columns) + ") VALUES ("
              + Sql.placeholders(1, args.size()) + ")", args.toArray()).mapEmpty();
        });
      }
    }
    return chain;
  }

  private static void rejectUnknown(Resource resource, JsonObject body) {
    Set<String> known = new java.util.HashSet<>(List.of("id", "created_on", "modified_on"));
    resource.fields().forEach(f -> {
      known.add(f.name());
      if (f.type() == FieldType.REFERENCE) {
        known.add(f.name() + "_name");
      }
    });
    resource.children().forEach(c -> known.add(c.name()));
    List<String> unknown = body.fieldNames().stream().filter(n -> !known.contains(n)).sorted().toList();
    if (!unknown.isEmpty()) {
      Map<String, List<String>> errors = new LinkedHashMap<>();
      unknown.forEach(n -> errors.put(n, List.of("Unknown field.")));
      throw new ApiException(400, "unknown_fields", "Bad request",
          "Unknown field(s) for " + resource.name() + ": " + String.join(", ", unknown) + ".", errors, null);
    }
  }

  /** A unique index refused the write: name the field a person can change. */
  private static Throwable conflictFor(Resource resource, Throwable failure) {
    if (!(failure instanceof DatabaseErrors.UniqueViolation unique)) {
      return failure;
    }
    String constraint = unique.constraint();
    return resource.fields().stream()
        .filter(f -> !f.isReadOnly() || f.name().equals(resource.numberField()))
        .filter(f -> constraint.contains(f.column()))
        .findFirst()
        .<Throwable>map(f -> ApiException.conflict("duplicate", "Another " + resource.singular().toLowerCase()
            + " already has this " + f.label().toLowerCase() + ".", f.name()))
        .orElse(ApiException.conflict("duplicate", "A " + resource.singular().toLowerCase() + " with these values already exists."));
  }

  String select(Resource resource) {
    return selects.get(resource.name());
  }

  /** The record's columns and each reference's display name, from {@code source} (a table or a subquery) as t. */
  private String select(Resource resource, String source) {
    StringBuilder sql = new StringBuilder("SELECT t.*");
    StringBuilder joins = new StringBuilder();
    for (Field f : resource.fields()) {
      if (f.type() == FieldType.REFERENCE) {
        Resource target = catalog.get(f.reference());
        String alias = "r_" + f.name();
        sql.append(", ").append(alias).append(".").append(target.field(target.displayField()).map(Field::column).orElse("id"))
            .append(" AS ").append(f.name()).append("_name");
        joins.append(" LEFT JOIN ").append(target.table()).append(" ").append(alias).append(" ON ").append(alias)
            .append(".id = t.").append(f.column());
      }
    }
    return sql.append(" FROM ").append(source).append(" t").append(joins).toString();
  }

  static ApiException notFound(Resource resource, long id) {
    return ApiException.notFound("No " + resource.singular().toLowerCase() + " with id " + id + ".");
  }

}
