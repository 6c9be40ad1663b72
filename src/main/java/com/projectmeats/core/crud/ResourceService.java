package com.projectmeats.core.crud;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.DatabaseErrors;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List, read, create, update, delete and status actions for every declared {@link Resource}, each
 * write one transaction. Reading lives in {@link ListReader} and {@link RecordReader}, the shared
 * write path in {@link RecordWriter}; this class adds what surrounds a write: Idempotency-Key, the
 * If-Match lock, and turning a database refusal into a message about the record.
 */
public final class ResourceService implements Records {
  private final Database db;
  private final Catalog catalog;
  private final Idempotency idempotency = new Idempotency();
  private final History history = new History();
  private final RecordReader reader;
  private final ListReader lists;
  private final FirstMatches matches;
  private final References references;
  private final RecordWriter writer;

  public ResourceService(Database db, Catalog catalog) {
    this.db = db;
    this.catalog = catalog;
    this.reader = new RecordReader(catalog);
    this.lists = new ListReader(reader, catalog);
    this.matches = new FirstMatches(catalog, reader, lists);
    this.references = new References(catalog);
    this.writer = new RecordWriter(reader, references, history);
  }

  public Catalog catalog() {
    return catalog;
  }

  public Database database() {
    return db;
  }

  // ---- Records, for code other than the HTTP routes ------------------------------------------

  @Override
  public List<String> resources() {
    return catalog.all().stream().map(Resource::name).toList();
  }

  @Override
  public Future<JsonObject> list(Principal caller, String resource, MultiMap query) {
    return list(caller, catalog.get(resource), query, Api.PREFIX + "/" + resource);
  }

  @Override
  public Future<JsonObject> get(Principal caller, String resource, long id) {
    return read(caller, catalog.get(resource), id).map(Versioned::body);
  }

  @Override
  public Future<JsonObject> create(Principal caller, String resource, JsonObject body) {
    return create(caller, catalog.get(resource), body, null).map(Versioned::body);
  }

  // ---- reads -------------------------------------------------------------------------------

  /**
   * One page of the company's records; the envelope's links point at {@code url} (its query string
   * is left out).
   */
  public Future<JsonObject> list(Principal caller, Resource resource, MultiMap params, String url) {
    return lists.page(db.sql(), caller, resource, params, url);
  }

  /**
   * For a search across resources: the resources that searchable references name where none of the
   * company's records has a name containing {@code term} ({@link #firstMatches} leaves that
   * alternative out).
   */
  public Future<Set<String>> unnamed(Principal caller, String term) {
    return matches.unnamed(db.sql(), caller, term);
  }

  /**
   * For a search across resources: {@code {count, results}}, the exact count of the company's
   * records matching {@code term} as the list's {@code ?q=} does and at most {@code limit} of them
   * in its order, each only its id, display field and searchable references' names.
   */
  public Future<JsonObject> firstMatches(
      Principal caller, Resource resource, String term, int limit, Set<String> unnamed) {
    return matches.first(db.sql(), caller, resource, term, limit, unnamed);
  }

  public Future<Versioned> read(Principal caller, Resource resource, long id) {
    return reader.read(db.sql(), caller, resource, id);
  }

  public Future<JsonArray> history(Principal caller, Resource resource, long id) {
    return read(caller, resource, id)
        .compose(exists -> history.list(db.sql(), caller.company(), resource, id));
  }

  /**
   * Records in a record's history something done to it outside its fields (a file attached or
   * removed), in the caller's transaction {@code sql}, as done by the caller. A no-op for resources
   * that keep no history.
   */
  public Future<Void> recordInHistory(
      Sql sql, Principal caller, Resource resource, long id, String action, JsonObject changes) {
    return resource.history()
        ? history.write(sql, caller, resource, id, action, changes)
        : Future.succeededFuture();
  }

  /**
   * What a create of {@code body} would answer about its fields, without writing anything: the same
   * checks of fields and references as POST (rules that need the write are not run). Empty when
   * those pass; keys as in a 422 ({@code lines[0].weight}). For drafts read from documents.
   */
  public Future<Map<String, List<String>>> validate(
      Principal caller, String resourceName, JsonObject body) {
    Resource resource = catalog.get(resourceName);
    Submission input;
    try {
      input = Submission.read(resource, body, Submission.Kind.CREATE);
    } catch (ApiException e) {
      return Future.succeededFuture(e.errors());
    }
    Map<String, List<String>> errors = new LinkedHashMap<>(input.errors());
    return references
        .check(db.sql(), caller, resource, input)
        .recover(
            failure -> {
              if (failure instanceof ApiException e && e.status() == 422) {
                e.errors().forEach(errors::putIfAbsent);
                return Future.succeededFuture();
              }
              return Future.failedFuture(failure);
            })
        .map(v -> errors);
  }

  // ---- writes ------------------------------------------------------------------------------

  public Future<Versioned> create(
      Principal caller, Resource resource, JsonObject body, String idempotencyKey) {
    Submission input;
    try {
      input = Submission.read(resource, body, Submission.Kind.CREATE).orFail();
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    String fingerprint = body.encode();
    Future<Versioned> attempt =
        db.inTransaction(
            sql ->
                idempotency
                    .replay(sql, caller, resource, idempotencyKey, fingerprint)
                    .compose(
                        replayed ->
                            replayed.isPresent()
                                ? reader.read(sql, caller, resource, replayed.get())
                                : writer
                                    .save(sql, caller, resource, null, input)
                                    .compose(
                                        created ->
                                            idempotency
                                                .remember(
                                                    sql,
                                                    caller,
                                                    resource,
                                                    idempotencyKey,
                                                    fingerprint,
                                                    created.body().getLong("id"))
                                                .map(created))));
    // Two concurrent retries with one key: the loser's transaction fails on the key; it replays the
    // winner.
    return attempt.recover(
        failure ->
            failure instanceof Idempotency.KeyTaken
                ? db.inTransaction(
                    sql ->
                        idempotency
                            .replay(sql, caller, resource, idempotencyKey, fingerprint)
                            .compose(id -> reader.read(sql, caller, resource, id.orElseThrow())))
                : Future.failedFuture(conflictFor(resource, failure)));
  }

  /**
   * A create inside the caller's transaction {@code sql} (see {@link Database#inTransaction}): the
   * same checks, numbering, rules, read-back and history as POST; the caller commits. For writers
   * that put many records in one transaction (seed-demo), whose statements then share its
   * connection's pipeline instead of a transaction and a round trip apiece.
   */
  public Future<Versioned> create(Sql sql, Principal caller, Resource resource, JsonObject body) {
    Submission input;
    try {
      input = Submission.read(resource, body, Submission.Kind.CREATE).orFail();
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return writer.save(sql, caller, resource, null, input);
  }

  /** PUT when {@code full} (fields left out go back to their default), else PATCH. */
  public Future<Versioned> update(
      Principal caller, Resource resource, long id, JsonObject body, boolean full, Long ifMatch) {
    Submission input;
    try {
      input = updateInput(resource, body, full);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return db.inTransaction(
            sql ->
                lock(sql, caller, resource, id, ifMatch)
                    .compose(current -> writer.save(sql, caller, resource, current, input)))
        .recover(failure -> Future.failedFuture(conflictFor(resource, failure)));
  }

  /** A PATCH inside the caller's transaction {@code sql}, as the create that takes one. */
  public Future<Versioned> update(
      Sql sql, Principal caller, Resource resource, long id, JsonObject body) {
    Submission input;
    try {
      input = updateInput(resource, body, false);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return lock(sql, caller, resource, id, null)
        .compose(current -> writer.save(sql, caller, resource, current, input));
  }

  private static Submission updateInput(Resource resource, JsonObject body, boolean full) {
    if (!resource.updatable()) {
      throw new ApiException(
          405,
          "method_not_allowed",
          "Method not allowed",
          "A "
              + resource.singular().toLowerCase()
              + " cannot be changed once recorded; delete it and record a new one.");
    }
    return Submission.read(resource, body, full ? Submission.Kind.REPLACE : Submission.Kind.PATCH)
        .orFail();
  }

  public Future<Void> delete(Principal caller, Resource resource, long id, Long ifMatch) {
    return db.inTransaction(
            sql ->
                lock(sql, caller, resource, id, ifMatch)
                    .compose(
                        current -> {
                          Change change =
                              new Change(
                                  sql, caller, resource, id, current.values(), Map.of(), Map.of());
                          return sql.update(
                                  "DELETE FROM "
                                      + resource.table()
                                      + " WHERE id = $1 AND company_id = $2",
                                  id,
                                  caller.company())
                              // Attachments name their record by resource and id, with no foreign
                              // key: they go with it, or a later record given the same id (SQLite
                              // reuses the highest) would show them.
                              .compose(
                                  n ->
                                      resource.attachments()
                                          ? sql.update(
                                              "DELETE FROM attachments WHERE company_id = $1 AND resource = $2 AND record_id = $3",
                                              caller.company(),
                                              resource.name(),
                                              id)
                                          : Future.succeededFuture(0))
                              .compose(n -> resource.rules().afterDelete(change))
                              .compose(
                                  v ->
                                      resource.history()
                                          ? history.write(
                                              sql,
                                              caller,
                                              resource,
                                              id,
                                              "deleted",
                                              new JsonObject())
                                          : Future.succeededFuture());
                        }))
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof DatabaseErrors.ForeignKeyViolation
                        ? ApiException.conflict(
                            "in_use",
                            "This "
                                + resource.singular().toLowerCase()
                                + " is still used by other records; archive it instead, or remove those first.")
                        : failure));
  }

  public Future<Versioned> transition(
      Principal caller, Resource resource, long id, Workflow.Transition transition, Long ifMatch) {
    return db.inTransaction(sql -> transition(sql, caller, resource, id, transition, ifMatch));
  }

  /** A status action inside the caller's transaction {@code sql}, as the create that takes one. */
  public Future<Versioned> transition(
      Sql sql,
      Principal caller,
      Resource resource,
      long id,
      Workflow.Transition transition,
      Long ifMatch) {
    return changeStatus(sql, caller, resource, id, transition, ifMatch)
        .compose(v -> reader.read(sql, caller, resource, id));
  }

  /**
   * The status action of {@link #transition(Sql, Principal, Resource, long, Workflow.Transition,
   * Long)} (the same check, rules and history) without reading the record back: for a writer that
   * does not answer with the record (seed-demo), for which the read-back was a sixth of its
   * statements.
   */
  public Future<Void> changeStatus(
      Sql sql,
      Principal caller,
      Resource resource,
      long id,
      Workflow.Transition transition,
      Long ifMatch) {
    String field = resource.workflow().field();
    return lock(sql, caller, resource, id, ifMatch)
        .compose(
            current -> {
              String status = (String) current.values().get(field);
              if (!transition.from().contains(status)) {
                throw ApiException.conflict(
                    "illegal_transition",
                    "Cannot "
                        + transition.action()
                        + " a "
                        + resource.singular().toLowerCase()
                        + " that is "
                        + status
                        + "; allowed from: "
                        + String.join(", ", transition.from().stream().sorted().toList())
                        + ".",
                    field);
              }
              Map<String, Object> values = new LinkedHashMap<>();
              values.put(field, transition.to());
              Change change =
                  new Change(sql, caller, resource, id, current.values(), values, Map.of());
              return sql.update(
                      "UPDATE "
                          + resource.table()
                          + " SET "
                          + resource.field(field).orElseThrow().column()
                          + " = $1, modified_on = $2, version = version + 1 WHERE id = $3 AND company_id = $4",
                      transition.to(),
                      Instant.now(),
                      id,
                      caller.company())
                  .compose(n -> resource.rules().afterTransition(change, transition))
                  .compose(
                      v ->
                          resource.history()
                              ? history.write(
                                  sql,
                                  caller,
                                  resource,
                                  id,
                                  transition.action(),
                                  new JsonObject()
                                      .put(
                                          field,
                                          new JsonObject()
                                              .put("old", status)
                                              .put("new", transition.to())))
                              : Future.<Void>succeededFuture());
            });
  }

  // ---- pieces ------------------------------------------------------------------------------

  /** Reads the row for a write, locking it on PostgreSQL, and checks If-Match. */
  private Future<RecordWriter.Stored> lock(
      Sql sql, Principal caller, Resource resource, long id, Long ifMatch) {
    String forUpdate = sql.dialect() == Dialect.POSTGRES ? " FOR UPDATE" : "";
    return sql.one(
            "SELECT * FROM " + resource.table() + " WHERE id = $1 AND company_id = $2" + forUpdate,
            id,
            caller.company())
        .map(
            found -> {
              Row row = found.orElseThrow(() -> RecordReader.notFound(resource, id));
              long version = row.getLong("version");
              if (ifMatch != null && ifMatch != version) {
                throw new ApiException(
                    412,
                    "precondition_failed",
                    "Precondition failed",
                    "This "
                        + resource.singular().toLowerCase()
                        + " was changed by someone else (version "
                        + version
                        + ", you sent "
                        + ifMatch
                        + "); reload it and apply your change again.");
              }
              return new RecordWriter.Stored(id, RecordMapper.values(resource.fields(), row));
            });
  }

  /** A unique index refused the write: name the field a person can change. */
  private static Throwable conflictFor(Resource resource, Throwable failure) {
    if (!(failure instanceof DatabaseErrors.UniqueViolation unique)) {
      return failure;
    }
    String constraint = unique.constraint();
    return resource.fields().stream()
        .filter(f -> !f.readOnly() || f.name().equals(resource.numberField()))
        .filter(f -> constraint.contains(f.column()))
        .findFirst()
        .<Throwable>map(
            f ->
                ApiException.conflict(
                    "duplicate",
                    "Another "
                        + resource.singular().toLowerCase()
                        + " already has this "
                        + f.label().toLowerCase()
                        + ".",
                    f.name()))
        .orElse(
            ApiException.conflict(
                "duplicate",
                "A " + resource.singular().toLowerCase() + " with these values already exists."));
  }
}
