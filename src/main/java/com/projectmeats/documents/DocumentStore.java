package com.projectmeats.documents;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The documents table. Every read and write a person makes is scoped to their company; the
 * background work claims a document with a conditional UPDATE, so of several replicas exactly one
 * processes it, and it only writes its result while the document is still {@code processing}.
 */
final class DocumentStore {
  /** Everything but the bytes, for the list and the detail. */
  private static final String COLUMNS =
      "id, company_id, uploaded_by, filename, content_type, size, target, status, "
          + "error, draft, flags, resource, record_id, created_on, modified_on";

  private final Database db;

  DocumentStore(Database db) {
    this.db = db;
  }

  /** A document as the background work needs it. */
  record Work(
      long id,
      long companyId,
      long uploadedBy,
      String filename,
      FileType type,
      String target,
      byte[] content) {}

  record Upload(
      long companyId,
      long userId,
      String filename,
      FileType type,
      byte[] content,
      String sha256,
      String target) {}

  Future<JsonObject> insert(Upload u) {
    Instant now = Instant.now();
    return db.sql()
        .one(
            "INSERT INTO documents (company_id, uploaded_by, filename, content_type, size, sha256, content, target, "
                + "status, created_on, modified_on, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $9, 1) RETURNING "
                + COLUMNS,
            u.companyId(),
            u.userId(),
            u.filename(),
            u.type().mediaType,
            (long) u.content().length,
            u.sha256(),
            db.blob(u.content()),
            u.target(),
            now)
        .map(row -> json(row.orElseThrow()));
  }

  /** One page of the company's documents, newest first, and how many there are in all. */
  Future<Page.Found> list(long companyId, String status, Page page) {
    String where = "company_id = $1" + (status == null ? "" : " AND status = $2");
    Object[] args = status == null ? new Object[] {companyId} : new Object[] {companyId, status};
    int n = args.length;
    Object[] pageArgs = java.util.Arrays.copyOf(args, n + 2);
    pageArgs[n] = (long) page.size();
    pageArgs[n + 1] = page.offset();
    Future<Long> count = db.sql().count("SELECT count(*) FROM documents WHERE " + where, args);
    Future<JsonArray> rows =
        db.sql()
            .query(
                "SELECT "
                    + COLUMNS
                    + " FROM documents WHERE "
                    + where
                    + " ORDER BY created_on DESC, id DESC LIMIT $"
                    + (n + 1)
                    + " OFFSET $"
                    + (n + 2),
                pageArgs)
            .map(
                set -> {
                  JsonArray out = new JsonArray();
                  set.forEach(r -> out.add(json(r)));
                  return out;
                });
    return Future.all(count, rows).map(done -> new Page.Found(count.result(), rows.result()));
  }

  Future<JsonObject> get(long companyId, long id) {
    return db.sql()
        .one(
            "SELECT " + COLUMNS + " FROM documents WHERE id = $1 AND company_id = $2",
            id,
            companyId)
        .map(row -> json(row.orElseThrow(() -> notFound(id))));
  }

  /** The bytes and their detected type. */
  Future<Content> content(long companyId, long id) {
    return db.sql()
        .one(
            "SELECT filename, content_type, content FROM documents WHERE id = $1 AND company_id = $2",
            id,
            companyId)
        .map(
            found -> {
              Row row = found.orElseThrow(() -> notFound(id));
              return new Content(
                  row.getString("filename"),
                  row.getString("content_type"),
                  Rows.bytes(row, "content"));
            });
  }

  record Content(String filename, String contentType, byte[] bytes) {}

  // ---- background work ---------------------------------------------------------------------

  /** Pending documents, oldest first: candidates for {@link #claim}. */
  Future<List<Long>> pending(int limit) {
    return db.sql()
        .query(
            "SELECT id FROM documents WHERE status = 'pending' ORDER BY id LIMIT $1", (long) limit)
        .map(
            rows -> {
              List<Long> ids = new java.util.ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return ids;
            });
  }

  /** True for the one caller whose UPDATE moved the document from pending to processing. */
  Future<Boolean> claim(long id) {
    return db.sql()
        .update(
            "UPDATE documents SET status = 'processing', error = NULL, modified_on = $1, version = version + 1 "
                + "WHERE id = $2 AND status = 'pending'",
            Instant.now(),
            id)
        .map(n -> n == 1);
  }

  Future<Work> work(long id) {
    return db.sql()
        .one(
            "SELECT id, company_id, uploaded_by, filename, content_type, target, content FROM documents WHERE id = $1",
            id)
        .map(
            found -> {
              Row r = found.orElseThrow(() -> notFound(id));
              Long uploader = Rows.longValue(r, "uploaded_by");
              return new Work(
                  r.getLong("id"),
                  r.getLong("company_id"),
                  uploader == null ? 0 : uploader,
                  r.getString("filename"),
                  FileType.ofMediaType(r.getString("content_type")).orElse(FileType.TEXT),
                  r.getString("target"),
                  Rows.bytes(r, "content"));
            });
  }

  /** Processing that outlived its replica (crash, redeploy) goes back to the queue. */
  Future<Integer> requeueStuck(Duration olderThan) {
    return db.sql()
        .update(
            "UPDATE documents SET status = 'pending', modified_on = $1, version = version + 1 "
                + "WHERE status = 'processing' AND modified_on < $2",
            Instant.now(),
            Instant.now().minus(olderThan));
  }

  Future<Void> drafted(long id, String target, JsonObject draft, JsonObject flags) {
    return db.sql()
        .update(
            "UPDATE documents SET status = 'needs_review', target = $1, draft = $2, flags = $3, error = NULL, "
                + "modified_on = $4, version = version + 1 WHERE id = $5 AND status = 'processing'",
            target,
            draft.encode(),
            flags.encode(),
            Instant.now(),
            id)
        .mapEmpty();
  }

  Future<Void> failed(long id, String reason) {
    return db.sql()
        .update(
            "UPDATE documents SET status = 'failed', error = $1, modified_on = $2, version = version + 1 "
                + "WHERE id = $3 AND status = 'processing'",
            reason,
            Instant.now(),
            id)
        .mapEmpty();
  }

  // ---- review ------------------------------------------------------------------------------

  /** Moves a document between review states; false when it was not in one of {@code from}. */
  Future<Boolean> move(long companyId, long id, List<String> from, String to, boolean clearDraft) {
    Object[] args = new Object[4 + from.size()];
    args[0] = to;
    args[1] = Instant.now();
    args[2] = id;
    args[3] = companyId;
    for (int i = 0; i < from.size(); i++) {
      args[4 + i] = from.get(i);
    }
    return db.sql()
        .update(
            "UPDATE documents SET status = $1, modified_on = $2, version = version + 1"
                + (clearDraft ? ", draft = NULL, flags = NULL" : "")
                + " WHERE id = $3 AND company_id = $4 AND status IN ("
                + Sql.placeholders(5, 4 + from.size())
                + ")",
            args)
        .map(n -> n == 1);
  }

  Future<Void> linked(long companyId, long id, String resource, long recordId) {
    return db.sql()
        .update(
            "UPDATE documents SET resource = $1, record_id = $2, target = $1, modified_on = $3, version = version + 1 "
                + "WHERE id = $4 AND company_id = $5",
            resource,
            recordId,
            Instant.now(),
            id,
            companyId)
        .mapEmpty();
  }

  // ---- shapes ------------------------------------------------------------------------------

  static ApiException notFound(long id) {
    return ApiException.notFound("No document with id " + id + ".");
  }

  private static JsonObject json(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("filename", r.getString("filename"))
        .put("content_type", r.getString("content_type"))
        .put("size", r.getLong("size"))
        .put("status", r.getString("status"))
        .put("target", r.getString("target"))
        .put("draft", parse(r.getString("draft")))
        .put("flags", Optional.ofNullable(parse(r.getString("flags"))).orElse(new JsonObject()))
        .put("error", r.getString("error"))
        .put("resource", r.getString("resource"))
        .put("record_id", Rows.longValue(r, "record_id"))
        .put("uploaded_by", Rows.longValue(r, "uploaded_by"))
        .put("created_on", Rows.instant(r, "created_on").toString())
        .put("modified_on", Rows.instant(r, "modified_on").toString());
  }

  private static JsonObject parse(String json) {
    return json == null ? null : new JsonObject(json);
  }
}
