package com.projectmeats.assistant;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversations, each owned by one user in one company: every query is scoped by both, so another
 * user's session (even in the same company) answers 404.
 */
final class Sessions {
  static final int MAX_TITLE = 200;
  private static final String COLUMNS = "id, title, archived, created_on, modified_on";

  record Session(long id, String title, boolean archived, Instant createdOn, Instant modifiedOn) {
    static Session of(Row row) {
      return new Session(
          row.getLong("id"),
          row.getString("title"),
          Rows.bool(row, "archived"),
          Rows.instant(row, "created_on"),
          Rows.instant(row, "modified_on"));
    }

    JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("title", title)
          .put("archived", archived)
          .put("created_on", createdOn.toString())
          .put("modified_on", modifiedOn.toString());
    }

    String etag() {
      return "\"s" + id + "-" + ChronoUnit.MICROS.between(Instant.EPOCH, modifiedOn) + "\"";
    }
  }

  private final Database db;

  Sessions(Database db) {
    this.db = db;
  }

  Future<Session> create(Principal caller, String title) {
    Instant now = Instant.now();
    return db.sql()
        .one(
            "INSERT INTO assistant_sessions (company_id, user_id, title, archived, created_on, modified_on) "
                + "VALUES ($1, $2, $3, $4, $5, $5) RETURNING "
                + COLUMNS,
            caller.company(),
            caller.userId(),
            title,
            false,
            now)
        .map(row -> Session.of(row.orElseThrow()));
  }

  Future<Page.Found> list(Principal caller, boolean archived, Page page) {
    String where =
        " FROM assistant_sessions WHERE company_id = $1 AND user_id = $2 AND archived = $3";
    return db.sql()
        .count("SELECT count(*)" + where, caller.company(), caller.userId(), archived)
        .compose(
            count ->
                db.sql()
                    .query(
                        "SELECT "
                            + COLUMNS
                            + where
                            + " ORDER BY modified_on DESC, id DESC LIMIT $4 OFFSET $5",
                        caller.company(),
                        caller.userId(),
                        archived,
                        page.size(),
                        page.offset())
                    .map(
                        rows -> {
                          JsonArray results = new JsonArray();
                          rows.forEach(row -> results.add(Session.of(row).json()));
                          return new Page.Found(count, results);
                        }));
  }

  Future<Session> get(Principal caller, long id) {
    return db.sql()
        .one(
            "SELECT "
                + COLUMNS
                + " FROM assistant_sessions WHERE id = $1 AND company_id = $2 AND user_id = $3",
            id,
            caller.company(),
            caller.userId())
        .map(row -> Session.of(row.orElseThrow(Sessions::notFound)));
  }

  /** Changes the title and/or the archived flag; null leaves a value as it is. */
  Future<Session> update(Principal caller, long id, String title, Boolean archived) {
    return db.sql()
        .one(
            "UPDATE assistant_sessions SET title = COALESCE($4, title), archived = COALESCE($5, archived), modified_on = $6 "
                + "WHERE id = $1 AND company_id = $2 AND user_id = $3 RETURNING "
                + COLUMNS,
            id,
            caller.company(),
            caller.userId(),
            title,
            archived,
            Instant.now())
        .map(row -> Session.of(row.orElseThrow(Sessions::notFound)));
  }

  /**
   * Deletes the session and the text of its messages, in one transaction. The messages stay as bare
   * usage rows (no text, no session) so the company's monthly usage does not change. Answers the
   * ids of answers that were still streaming, so they can be stopped.
   */
  Future<List<Long>> delete(Principal caller, long id) {
    List<Long> streaming = new ArrayList<>();
    return db.inTransaction(
        sql ->
            sql.query(
                    "SELECT id FROM assistant_messages WHERE session_id = $1 AND company_id = $2 "
                        + "AND status = 'streaming'",
                    id,
                    caller.company())
                .compose(
                    rows -> {
                      rows.forEach(row -> streaming.add(row.getLong("id")));
                      return sql.update(
                          "UPDATE assistant_messages SET content = '', tool_calls = NULL, session_id = NULL "
                              + "WHERE session_id = $1 AND company_id = $2 AND EXISTS (SELECT 1 FROM assistant_sessions s "
                              + "WHERE s.id = $1 AND s.company_id = $2 AND s.user_id = $3)",
                          id,
                          caller.company(),
                          caller.userId());
                    })
                .compose(
                    n ->
                        sql.update(
                            "DELETE FROM assistant_sessions WHERE id = $1 AND company_id = $2 AND user_id = $3",
                            id,
                            caller.company(),
                            caller.userId()))
                .map(
                    deleted -> {
                      if (deleted == 0) {
                        throw notFound();
                      }
                      return streaming;
                    }));
  }

  static ApiException notFound() {
    return ApiException.notFound("No such assistant session.");
  }

  /** A title from the first question: its first words, on one line. */
  static String titleFrom(String question) {
    String line = question.replaceAll("\\s+", " ").trim();
    if (line.length() <= 80) {
      return line;
    }
    int cut = line.lastIndexOf(' ', 79);
    return line.substring(0, cut > 40 ? cut : 79) + "…";
  }
}
