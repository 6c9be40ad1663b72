package com.projectmeats.core.crud;

import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** Who changed what and when, for resources that keep a history (orders): one row per change. */
final class History {
  private static final Set<String> NOT_CHANGES = Set.of("id", "modified_on", "created_on");

  Future<Void> write(
      Sql sql, Principal caller, Resource resource, long id, String action, JsonObject changes) {
    return sql.update(
            """
            INSERT INTO record_history (company_id, resource, record_id, user_id, action, changes, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)""",
            caller.company(),
            resource.name(),
            id,
            caller.userId(),
            action,
            changes.encode(),
            Instant.now())
        .mapEmpty();
  }

  Future<JsonArray> list(Sql sql, long company, Resource resource, long id) {
    return sql.query(
            """
            SELECT h.id, h.action, h.changes, h.at, h.user_id, h.actor, u.email
              FROM record_history h LEFT JOIN users u ON u.id = h.user_id
             WHERE h.company_id = $1 AND h.resource = $2 AND h.record_id = $3
             ORDER BY h.at, h.id""",
            company,
            resource.name(),
            id)
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              rows.forEach(
                  r ->
                      out.add(
                          new JsonObject()
                              .put("id", r.getLong("id"))
                              .put("at", Codec.toWire(Rows.instant(r, "at")))
                              .put("user", r.getLong("user_id"))
                              .put("user_email", r.getString("email"))
                              // "system" for what the service did by itself (a daily job), else the
                              // user's e-mail.
                              .put(
                                  "by",
                                  r.getString("actor") != null
                                      ? r.getString("actor")
                                      : r.getString("email"))
                              .put("action", r.getString("action"))
                              .put("changes", new JsonObject(r.getString("changes")))));
              return out;
            });
  }

  /** Field by field {old, new}; on create every field set, with old null. */
  static JsonObject diff(JsonObject before, JsonObject after) {
    JsonObject changes = new JsonObject();
    for (String field : after.fieldNames()) {
      if (NOT_CHANGES.contains(field) || field.endsWith("_name")) {
        continue;
      }
      Object old = before == null ? null : before.getValue(field);
      Object now = after.getValue(field);
      if (!Objects.equals(old, now) && !(before == null && now == null)) {
        changes.put(field, new JsonObject().put("old", old).put("new", now));
      }
    }
    return changes;
  }
}
