package com.projectmeats.mail;

import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * A document send leaves its trace where people look for what happened to a record: a row in the
 * record's history and a note in the activity log, once when it is queued and once when the server
 * accepted or refused it. Written in the same transaction as the outbox change they describe.
 */
final class RecordNotes implements OutboxWorker.Outcomes {
  /**
   * The activity log's link column for each resource whose documents are sent, and how to find its
   * value.
   */
  private static final Map<String, String> ACTIVITY_LINK =
      Map.of(
          "purchase-orders", "purchase_order_id, $5",
          "sales-orders", "sales_order_id, $5",
          "carrier-purchase-orders",
              "carrier_id, (SELECT carrier_id FROM carrier_purchase_orders WHERE id = $5 AND company_id = $1)",
          "invoices",
              "customer_id, (SELECT customer_id FROM invoices WHERE id = $5 AND company_id = $1)");

  /** The send was asked for: noted on the record with the recipients and the outbox message. */
  static Future<Void> queued(
      Sql sql,
      long companyId,
      long userId,
      String resource,
      long recordId,
      Letter letter,
      long outboxId) {
    JsonObject changes =
        new JsonObject()
            .put("to", change(null, String.join(", ", letter.to())))
            .put("email", change(null, "queued (message " + outboxId + ")"));
    if (!letter.cc().isEmpty()) {
      changes.put("cc", change(null, String.join(", ", letter.cc())));
    }
    return history(sql, companyId, resource, recordId, userId, "emailed", changes)
        .compose(
            v ->
                activity(
                    sql,
                    companyId,
                    userId,
                    resource,
                    recordId,
                    "E-mailed: " + letter.subject(),
                    "To "
                        + String.join(", ", letter.to())
                        + (letter.cc().isEmpty() ? "" : ", cc " + String.join(", ", letter.cc()))));
  }

  @Override
  public Future<Void> recorded(Sql sql, Outbox.Queued message, String status, String reply) {
    if (message.kind() != Letter.Kind.DOCUMENT
        || message.companyId() == null
        || message.recordId() == null) {
      return Future.succeededFuture();
    }
    boolean sent = status.equals("sent");
    JsonObject changes =
        new JsonObject()
            .put("email", change("sending", status + " (message " + message.id() + ")"))
            .put("server_reply", change(null, reply));
    String title = (sent ? "E-mail accepted: " : "E-mail failed: ") + message.subject();
    String text =
        (sent ? "The mail server accepted it for " : "Not delivered to ")
            + String.join(", ", message.to())
            + " after "
            + message.attempts()
            + " attempt(s). Server: "
            + reply;
    return history(
            sql,
            message.companyId(),
            message.resource(),
            message.recordId(),
            message.createdBy(),
            sent ? "email_sent" : "email_failed",
            changes)
        .compose(
            v ->
                activity(
                    sql,
                    message.companyId(),
                    message.createdBy(),
                    message.resource(),
                    message.recordId(),
                    title,
                    text));
  }

  private static JsonObject change(Object old, Object now) {
    return new JsonObject().put("old", old).put("new", now);
  }

  private static Future<Void> history(
      Sql sql,
      long companyId,
      String resource,
      long recordId,
      Long userId,
      String action,
      JsonObject changes) {
    return sql.update(
            """
            INSERT INTO record_history (company_id, resource, record_id, user_id, action, changes, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            companyId,
            resource,
            recordId,
            userId,
            action,
            changes.encode(),
            Instant.now())
        .mapEmpty();
  }

  private static Future<Void> activity(
      Sql sql,
      long companyId,
      Long userId,
      String resource,
      long recordId,
      String title,
      String text) {
    String link = ACTIVITY_LINK.get(resource);
    String columns = link == null ? "" : ", " + link.split(", ", 2)[0];
    String value = link == null ? "" : ", " + link.split(", ", 2)[1];
    Instant now = Instant.now();
    return sql.update(
            "INSERT INTO activity_logs (company_id, title, text, tags, pinned, created_on, modified_on, created_by, version"
                + columns
                + ") VALUES ($1, $2, $3, 'email', $4, $6, $6, $7, 1"
                + value
                + ")",
            companyId,
            clip(title, 200),
            clip(text, 2000),
            false,
            recordId,
            now,
            userId)
        .mapEmpty();
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
