package com.projectmeats.attachments;

import com.projectmeats.core.crud.Resource;
import com.projectmeats.core.crud.ResourceService;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Principal;
import com.projectmeats.documents.Uploads;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The attachments table. Every statement carries the caller's company and the record's resource and
 * id, so another company's record or attachment is simply not found. A write (the bytes, the row
 * and the line in the record's history) is one transaction: a failure leaves neither.
 */
final class AttachmentStore {
  private static final String COLUMNS =
      "a.id, a.resource, a.record_id, a.filename, a.content_type, a.size, a.kind, a.document_id, "
          + "a.uploaded_by, u.email AS uploaded_by_email, a.created_on";

  private final Database db;
  private final ResourceService records;

  AttachmentStore(Database db, ResourceService records) {
    this.db = db;
    this.records = records;
  }

  record Content(String filename, String contentType, byte[] bytes) {}

  Future<JsonArray> list(Principal caller, Resource resource, long recordId) {
    return requireRecord(db.sql(), caller, resource, recordId, false)
        .compose(
            v ->
                db.sql()
                    .query(
                        "SELECT "
                            + COLUMNS
                            + " FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by"
                            + " WHERE a.company_id = $1 AND a.resource = $2 AND a.record_id = $3"
                            + " ORDER BY a.created_on DESC, a.id DESC",
                        caller.company(),
                        resource.name(),
                        recordId))
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              rows.forEach(r -> out.add(json(r)));
              return out;
            });
  }

  /** Stores a checked upload on the record and says so in its history. */
  Future<JsonObject> insert(
      Principal caller, Resource resource, long recordId, Uploads.Checked file, String kind) {
    return db.inTransaction(
        sql ->
            requireRecord(sql, caller, resource, recordId, true)
                .compose(
                    v ->
                        sql.one(
                            "INSERT INTO attachments (company_id, resource, record_id, filename, content_type, size, "
                                + "sha256, content, kind, uploaded_by, created_on) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                            caller.company(),
                            resource.name(),
                            recordId,
                            file.filename(),
                            file.type().mediaType(),
                            (long) file.bytes().length,
                            file.sha256(),
                            db.blob(file.bytes()),
                            kind,
                            caller.userId(),
                            Instant.now()))
                .compose(row -> attached(sql, caller, resource, recordId, row.orElseThrow())));
  }

  /**
   * Copies an accepted document's file onto the record it became, in the database (the bytes never
   * travel through the service). Nothing when the resource takes no attachments.
   */
  Future<Void> fromDocument(Principal caller, long document, Resource resource, long recordId) {
    if (!resource.attachments()) {
      return Future.succeededFuture();
    }
    return db.inTransaction(
            sql ->
                requireRecord(sql, caller, resource, recordId, true)
                    .compose(
                        v ->
                            sql.one(
                                "INSERT INTO attachments (company_id, resource, record_id, filename, content_type, "
                                    + "size, sha256, content, kind, document_id, uploaded_by, created_on) "
                                    + "SELECT company_id, $1, $2, filename, content_type, size, sha256, content, "
                                    + "'document', id, uploaded_by, $3 FROM documents WHERE id = $4 AND company_id = $5 "
                                    + "RETURNING id",
                                resource.name(),
                                recordId,
                                Instant.now(),
                                document,
                                caller.company()))
                    .compose(
                        row ->
                            row.isEmpty()
                                ? Future.succeededFuture()
                                : attached(sql, caller, resource, recordId, row.get())))
        .mapEmpty();
  }

  private Future<JsonObject> attached(
      Sql sql, Principal caller, Resource resource, long recordId, Row inserted) {
    long id = inserted.getLong("id");
    return read(sql, caller, resource, recordId, id)
        .compose(
            created ->
                records
                    .recordInHistory(
                        sql,
                        caller,
                        resource,
                        recordId,
                        "attached",
                        change(null, created.getString("filename")))
                    .map(created));
  }

  /** The bytes of one attachment of the record. */
  Future<Content> content(Principal caller, Resource resource, long recordId, long id) {
    return db.sql()
        .one(
            "SELECT filename, content_type, content FROM attachments "
                + "WHERE id = $1 AND company_id = $2 AND resource = $3 AND record_id = $4",
            id,
            caller.company(),
            resource.name(),
            recordId)
        .map(
            found -> {
              Row row = found.orElseThrow(() -> notFound(id));
              return new Content(
                  row.getString("filename"),
                  row.getString("content_type"),
                  Rows.bytes(row, "content"));
            });
  }

  /**
   * Removes one attachment of the record after {@code allowed} has seen it (who may remove it
   * depends on who attached it), and says so in the record's history.
   */
  Future<Void> delete(
      Principal caller, Resource resource, long recordId, long id, Consumer<JsonObject> allowed) {
    return db.inTransaction(
        sql ->
            requireRecord(sql, caller, resource, recordId, true)
                .compose(v -> read(sql, caller, resource, recordId, id))
                .compose(
                    found -> {
                      allowed.accept(found);
                      return sql.update(
                              "DELETE FROM attachments WHERE id = $1 AND company_id = $2",
                              id,
                              caller.company())
                          .compose(
                              n ->
                                  records.recordInHistory(
                                      sql,
                                      caller,
                                      resource,
                                      recordId,
                                      "detached",
                                      change(found.getString("filename"), null)));
                    }));
  }

  private Future<JsonObject> read(
      Sql sql, Principal caller, Resource resource, long recordId, long id) {
    return sql.one(
            "SELECT "
                + COLUMNS
                + " FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by"
                + " WHERE a.id = $1 AND a.company_id = $2 AND a.resource = $3 AND a.record_id = $4",
            id,
            caller.company(),
            resource.name(),
            recordId)
        .map(found -> json(found.orElseThrow(() -> notFound(id))));
  }

  /**
   * The record, in the caller's company, or 404. In a write it is held (FOR SHARE on PostgreSQL) so
   * it cannot be deleted under the new attachment, which would be left without its record.
   */
  private static Future<Void> requireRecord(
      Sql sql, Principal caller, Resource resource, long recordId, boolean hold) {
    String lock = hold && sql.dialect() == Dialect.POSTGRES ? " FOR SHARE" : "";
    return sql.one(
            "SELECT id FROM " + resource.table() + " WHERE id = $1 AND company_id = $2" + lock,
            recordId,
            caller.company())
        .map(
            found -> {
              if (found.isEmpty()) {
                throw ApiException.notFound(
                    "No " + resource.singular().toLowerCase() + " with id " + recordId + ".");
              }
              return null;
            });
  }

  /** The history's change: the file's name appearing or going. */
  private static JsonObject change(String before, String after) {
    return new JsonObject()
        .put("attachment", new JsonObject().put("old", before).put("new", after));
  }

  static ApiException notFound(long id) {
    return ApiException.notFound("No attachment with id " + id + " on this record.");
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("resource", r.getString("resource"))
        .put("record_id", r.getLong("record_id"))
        .put("filename", r.getString("filename"))
        .put("content_type", r.getString("content_type"))
        .put("size", r.getLong("size"))
        .put("kind", r.getString("kind"))
        .put("document", Rows.longValue(r, "document_id"))
        .put("uploaded_by", Rows.longValue(r, "uploaded_by"))
        .put("uploaded_by_email", r.getString("uploaded_by_email"))
        .put("created_on", Rows.instant(r, "created_on").toString());
  }
}
