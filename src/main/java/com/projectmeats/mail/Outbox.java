package com.projectmeats.mail;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.http.Page;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail_outbox table. A message is inserted {@code pending} in its requester's transaction; a
 * replica claims it with a conditional UPDATE (so of several replicas exactly one sends it), and
 * only the claim's holder records the outcome. A message in {@code sent} is never claimed again:
 * that, and its stored Message-ID, is what keeps an accepted message from going out twice.
 */
final class Outbox {
  private final Database db;
  private final String messageIdDomain;

  Outbox(Database db, String messageIdDomain) {
    this.db = db;
    this.messageIdDomain = messageIdDomain;
  }

  /** A message due for sending, as the worker needs it. */
  record Queued(
      long id,
      String messageId,
      List<String> to,
      List<String> cc,
      String subject,
      String body,
      Letter.Attachment attachment,
      int attempts,
      Letter.Kind kind,
      Long companyId,
      Long createdBy,
      String resource,
      Long recordId) {}

  /** Writes the message in the caller's transaction and answers its id. */
  Future<Long> insert(Sql sql, Letter letter) {
    Instant now = Instant.now();
    Letter.Attachment a = letter.attachment();
    JsonObject recipients =
        new JsonObject()
            .put("to", new JsonArray(letter.to()))
            .put("cc", new JsonArray(letter.cc()));
    return sql.one(
            """
            INSERT INTO mail_outbox (company_id, created_by, kind, resource, record_id, message_id, recipients, subject, body,
                                     attachment_name, attachment_type, attachment, status, attempts, next_attempt_on,
                                     created_on, modified_on)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending', 0, $13, $13, $13) RETURNING id""",
            letter.companyId(),
            letter.createdBy(),
            letter.kind().wire(),
            letter.resource(),
            letter.recordId(),
            "<" + UUID.randomUUID() + "@" + messageIdDomain + ">",
            recipients.encode(),
            letter.subject(),
            letter.body(),
            a == null ? null : a.filename(),
            a == null ? null : a.contentType(),
            a == null ? null : blob(a.bytes()),
            now)
        .map(row -> row.orElseThrow().getLong(0));
  }

  /**
   * Messages due now (new, retries whose time has come, claims that outlived their replica), oldest
   * first.
   */
  Future<List<Long>> due(int limit) {
    Instant now = Instant.now();
    return db.sql()
        .query(
            """
            SELECT id FROM mail_outbox
             WHERE (status = 'pending' AND next_attempt_on <= $1) OR (status = 'sending' AND claimed_until < $1)
             ORDER BY id LIMIT $2""",
            now,
            (long) limit)
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.getLong(0)));
              return ids;
            });
  }

  /**
   * True for the one caller whose UPDATE took the message. The claim lasts {@code lease}, longer
   * than an attempt may take, so no other replica takes a message while it is being sent; one whose
   * replica died is taken again when the lease runs out.
   */
  Future<Boolean> claim(long id, Duration lease) {
    Instant now = Instant.now();
    return db.sql()
        .update(
            """
            UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, claimed_until = $1, modified_on = $2
             WHERE id = $3 AND ((status = 'pending' AND next_attempt_on <= $2) OR (status = 'sending' AND claimed_until < $2))""",
            now.plus(lease),
            now,
            id)
        .map(n -> n == 1);
  }

  Future<Queued> load(long id) {
    return db.sql()
        .one(
            """
            SELECT id, message_id, recipients, subject, body, attachment_name, attachment_type, attachment, attempts, kind,
                   company_id, created_by, resource, record_id
              FROM mail_outbox WHERE id = $1""",
            id)
        .map(
            found -> {
              Row r =
                  found.orElseThrow(
                      () -> new IllegalStateException("outbox message " + id + " vanished"));
              JsonObject recipients = new JsonObject(r.getString("recipients"));
              String name = r.getString("attachment_name");
              return new Queued(
                  r.getLong("id"),
                  r.getString("message_id"),
                  strings(recipients.getJsonArray("to")),
                  strings(recipients.getJsonArray("cc")),
                  r.getString("subject"),
                  r.getString("body"),
                  name == null
                      ? null
                      : new Letter.Attachment(
                          name, r.getString("attachment_type"), bytes(r.getValue("attachment"))),
                  r.getInteger("attempts"),
                  Letter.Kind.valueOf(r.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                  Rows.longValue(r, "company_id"),
                  Rows.longValue(r, "created_by"),
                  r.getString("resource"),
                  Rows.longValue(r, "record_id"));
            });
  }

  /** The server accepted the message: from now on nothing sends it again. */
  Future<Boolean> sent(Sql sql, Queued message, String reply) {
    Instant now = Instant.now();
    return sql.update(
            "UPDATE mail_outbox SET status = 'sent', sent_on = $1, server_reply = $2, claimed_until = NULL, modified_on = $1"
                + blankSecret(message)
                + " WHERE id = $3 AND status = 'sending'",
            now,
            reply,
            message.id())
        .map(n -> n == 1);
  }

  /** A failure worth another attempt at {@code next}. */
  Future<Boolean> retry(Sql sql, Queued message, String reply, Instant next) {
    return sql.update(
            """
            UPDATE mail_outbox SET status = 'pending', next_attempt_on = $1, server_reply = $2, claimed_until = NULL, modified_on = $3
             WHERE id = $4 AND status = 'sending'""",
            next,
            reply,
            Instant.now(),
            message.id())
        .map(n -> n == 1);
  }

  /** Refused for good, or out of attempts. */
  Future<Boolean> failed(Sql sql, Queued message, String reply) {
    return sql.update(
            "UPDATE mail_outbox SET status = 'failed', server_reply = $1, claimed_until = NULL, modified_on = $2"
                + blankSecret(message)
                + " WHERE id = $3 AND status = 'sending'",
            reply,
            Instant.now(),
            message.id())
        .map(n -> n == 1);
  }

  /**
   * A reset or invitation link is a credential: once the outbox is done with it, the table stops
   * holding it.
   */
  private static String blankSecret(Queued message) {
    return message.kind().carriesSecret() ? ", body = ''" : "";
  }

  /**
   * One page of the sends of one record, newest first, as the API shows them, and how many there
   * are.
   */
  Future<Page.Found> forRecord(long companyId, String resource, long recordId, Page page) {
    String where = " FROM mail_outbox WHERE company_id = $1 AND resource = $2 AND record_id = $3";
    Future<Long> count = db.sql().count("SELECT count(*)" + where, companyId, resource, recordId);
    Future<JsonArray> rows =
        db.sql()
            .query(
                "SELECT "
                    + PUBLIC_COLUMNS
                    + where
                    + " ORDER BY created_on DESC, id DESC LIMIT $4 OFFSET $5",
                companyId,
                resource,
                recordId,
                (long) page.size(),
                page.offset())
            .map(
                set -> {
                  JsonArray out = new JsonArray();
                  set.forEach(r -> out.add(json(r)));
                  return out;
                });
    return Future.all(count, rows).map(done -> new Page.Found(count.result(), rows.result()));
  }

  Future<Optional<JsonObject>> one(Sql sql, long companyId, long id) {
    return sql.one(
            "SELECT " + PUBLIC_COLUMNS + " FROM mail_outbox WHERE company_id = $1 AND id = $2",
            companyId,
            id)
        .map(row -> row.map(Outbox::json));
  }

  private static final String PUBLIC_COLUMNS =
      "id, resource, record_id, message_id, recipients, subject, attachment_name, status, attempts, server_reply, sent_on, created_on, created_by";

  static JsonObject json(Row r) {
    JsonObject recipients = new JsonObject(r.getString("recipients"));
    Instant sentOn = Rows.instant(r, "sent_on");
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("resource", r.getString("resource"))
        .put("record_id", Rows.longValue(r, "record_id"))
        .put("message_id", r.getString("message_id"))
        .put("to", recipients.getJsonArray("to"))
        .put("cc", recipients.getJsonArray("cc"))
        .put("subject", r.getString("subject"))
        .put("attachment", r.getString("attachment_name"))
        .put("status", r.getString("status"))
        .put("attempts", r.getInteger("attempts"))
        .put("server_reply", r.getString("server_reply"))
        .put("sent_on", sentOn == null ? null : sentOn.toString())
        .put("created_on", Rows.instant(r, "created_on").toString())
        .put("created_by", Rows.longValue(r, "created_by"));
  }

  /** PostgreSQL's client binds BYTEA from a Buffer, the SQLite JDBC driver a BLOB from a byte[]. */
  private Object blob(byte[] bytes) {
    return db.dialect() == Dialect.POSTGRES ? Buffer.buffer(bytes) : bytes;
  }

  private static byte[] bytes(Object value) {
    return switch (value) {
      case Buffer b -> b.getBytes();
      case byte[] b -> b;
      case null -> new byte[0];
      default -> throw new IllegalStateException("not bytes: " + value.getClass());
    };
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }
}
