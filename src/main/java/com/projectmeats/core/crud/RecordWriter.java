package com.projectmeats.core.crud;

import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one path by which a create and an update write a record, inside the caller's transaction:
 * references checked → number assigned (create) → rules before → row written → owned rows replaced
 * → rules after → record read back → history.
 */
final class RecordWriter {
  private final RecordReader reader;
  private final References references;
  private final History history;

  RecordWriter(RecordReader reader, References references, History history) {
    this.reader = reader;
    this.references = references;
    this.history = history;
  }

  /** The stored record a write replaces fields of: its id and its values as the rules see them. */
  record Stored(long id, Map<String, Object> values) {}

  /**
   * Writes {@code input} as a new record ({@code stored} null) or over {@code stored}; answers the
   * record as read back.
   */
  Future<Versioned> save(
      Sql sql, Principal caller, Resource resource, Stored stored, Submission input) {
    boolean creating = stored == null;
    Map<String, Object> values = input.values();
    if (creating && resource.workflow() != null) {
      values.put(resource.workflow().field(), resource.workflow().initial());
    }
    Change change =
        new Change(
            sql,
            caller,
            resource,
            creating ? null : stored.id(),
            creating ? null : stored.values(),
            values,
            input.children());
    Future<JsonObject> before =
        creating
            ? Future.succeededFuture(null)
            : reader.read(sql, caller, resource, stored.id()).map(Versioned::body);
    return before.compose(
        old ->
            references
                .check(sql, caller, resource, input)
                .compose(
                    v ->
                        creating
                            ? Numbering.assign(sql, caller, resource, values)
                            : Future.<Void>succeededFuture())
                .compose(v -> resource.rules().beforeSave(change))
                .compose(
                    v ->
                        creating
                            ? insert(sql, caller, resource, values)
                            : update(sql, caller, resource, stored.id(), values))
                .compose(
                    id -> {
                      Change saved = creating ? change.withId(id) : change;
                      return writeChildren(sql, caller, resource, id, creating, input.children())
                          .compose(v -> resource.rules().afterSave(saved))
                          .compose(v -> reader.read(sql, caller, resource, id))
                          .compose(
                              record ->
                                  resource.history()
                                      ? history
                                          .write(
                                              sql,
                                              caller,
                                              resource,
                                              id,
                                              creating ? "created" : "updated",
                                              History.diff(old, record.body()))
                                          .map(record)
                                      : Future.succeededFuture(record));
                    }));
  }

  private Future<Long> insert(
      Sql sql, Principal caller, Resource resource, Map<String, Object> values) {
    Instant now = Instant.now();
    List<String> columns =
        new ArrayList<>(
            List.of("company_id", "created_on", "modified_on", "created_by", "version"));
    List<Object> args = new ArrayList<>(List.of(caller.company(), now, now, caller.userId(), 1L));
    for (Field f : resource.fields()) {
      if (values.containsKey(f.name())) {
        columns.add(f.column());
        args.add(Codec.toColumn(f, values.get(f.name())));
      }
    }
    return sql.one(
            "INSERT INTO "
                + resource.table()
                + " ("
                + String.join(", ", columns)
                + ") VALUES ("
                + Sql.placeholders(1, args.size())
                + ") RETURNING id",
            args.toArray())
        .map(row -> row.orElseThrow().getLong(0));
  }

  private Future<Long> update(
      Sql sql, Principal caller, Resource resource, long id, Map<String, Object> values) {
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
    return sql.update(
            "UPDATE "
                + resource.table()
                + " SET "
                + String.join(", ", sets)
                + " WHERE id = $"
                + (args.size() - 1)
                + " AND company_id = $"
                + args.size(),
            args.toArray())
        .map(n -> id);
  }

  /** Replaces the owned rows the submission carries; kinds it left out keep theirs. */
  private Future<Void> writeChildren(
      Sql sql,
      Principal caller,
      Resource resource,
      long id,
      boolean creating,
      Map<String, List<Map<String, Object>>> children) {
    Future<Void> chain = Future.succeededFuture();
    for (Child child : resource.children()) {
      List<Map<String, Object>> rows = children.get(child.name());
      if (rows == null) {
        continue;
      }
      // A record just inserted has no owned rows yet: nothing to replace.
      if (!creating) {
        chain =
            chain.compose(
                v ->
                    sql.update(
                            "DELETE FROM "
                                + child.table()
                                + " WHERE "
                                + child.parentColumn()
                                + " = $1",
                            id)
                        .mapEmpty());
      }
      if (rows.isEmpty()) {
        continue;
      }
      // One multi-row INSERT for all of them: one round trip however many lines (at most the
      // child's maxRows, so the parameters stay far below either datastore's limit).
      chain =
          chain.compose(
              v -> {
                List<String> columns =
                    new ArrayList<>(List.of(child.parentColumn(), "company_id", "position"));
                child.fields().forEach(f -> columns.add(f.column()));
                List<Object> args = new ArrayList<>();
                List<String> tuples = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                  Map<String, Object> row = rows.get(i);
                  int first = args.size() + 1;
                  args.add(id);
                  args.add(caller.company());
                  args.add((long) i);
                  for (Field f : child.fields()) {
                    args.add(Codec.toColumn(f, row.get(f.name())));
                  }
                  tuples.add("(" + Sql.placeholders(first, args.size()) + ")");
                }
                return sql.update(
                        "INSERT INTO "
                            + child.table()
                            + " ("
                            + String.join(", ", columns)
                            + ") VALUES "
                            + String.join(", ", tuples),
                        args.toArray())
                    .mapEmpty();
              });
    }
    return chain;
  }
}
