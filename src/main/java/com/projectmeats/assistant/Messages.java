package com.projectmeats.assistant;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Page;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of a conversation. An answer is written twice: as {@code streaming} when it starts
 * (so a stop request on any replica can find it) and once more when it ends, with its text, how it
 * ended and its token usage.
 */
final class Messages {
  private static final String COLUMNS =
      "id, session_id, role, content, model, status, finish_reason, prompt_tokens, "
          + "completion_tokens, error_code, tool_calls, created_on, modified_on";

  /** Joins a message to its session so that every lookup checks the caller owns it. */
  private static final String OWNED =
      " FROM assistant_messages m JOIN assistant_sessions s ON s.id = m.session_id "
          + "AND s.company_id = m.company_id AND s.user_id = $3 WHERE m.session_id = $1 AND m.company_id = $2";

  record Message(
      long id,
      Long sessionId,
      String role,
      String content,
      String model,
      String status,
      String finishReason,
      long promptTokens,
      long completionTokens,
      String errorCode,
      JsonArray toolCalls,
      Instant createdOn,
      Instant modifiedOn) {
    static Message of(Row row) {
      String tools = row.getString("tool_calls");
      return new Message(
          row.getLong("id"),
          row.getLong("session_id"),
          row.getString("role"),
          row.getString("content"),
          row.getString("model"),
          row.getString("status"),
          row.getString("finish_reason"),
          Rows.longValue(row, "prompt_tokens"),
          Rows.longValue(row, "completion_tokens"),
          row.getString("error_code"),
          tools == null ? new JsonArray() : new JsonArray(tools),
          Rows.instant(row, "created_on"),
          Rows.instant(row, "modified_on"));
    }

    JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("session", sessionId)
          .put("role", role)
          .put("content", content)
          .put("model", model)
          .put("status", status)
          .put("finish_reason", finishReason)
          .put(
              "usage",
              new JsonObject()
                  .put("prompt_tokens", promptTokens)
                  .put("completion_tokens", completionTokens))
          .put("error_code", errorCode)
          .put("tool_calls", toolCalls)
          .put("created_on", createdOn.toString())
          .put("modified_on", modifiedOn.toString());
    }

    boolean isUser() {
      return "user".equals(role);
    }
  }

  /** A question and the answer that is about to stream. */
  record Exchange(long sessionId, long userMessageId, long assistantMessageId, String model) {}

  /** How an answer ended, as stored. */
  record Ending(
      String content,
      String status,
      String finishReason,
      long promptTokens,
      long completionTokens,
      String errorCode,
      JsonArray toolCalls) {}

  private final Database db;

  Messages(Database db) {
    this.db = db;
  }

  /**
   * Everything a question needs read before the model can be asked, in one statement: the caller's
   * answers since {@code since} (the throttle) and the oldest of them, whether the session is the
   * caller's, the company's name for the prompt, and the session's latest {@code limit} messages up
   * to {@code lastId}, oldest first (none when the session is not the caller's).
   */
  record Preflight(
      long recentAnswers,
      Instant oldestAnswer,
      boolean ownsSession,
      String company,
      List<Message> history) {}

  Future<Preflight> preflight(
      Principal caller, long sessionId, long lastId, int limit, Instant since) {
    // One row of checks, joined to the history rows (or to one row of NULLs when there are none).
    return db.sql()
        .query(
            "SELECT v.n, v.oldest, v.owned, v.company, "
                + columns("m")
                + " FROM (SELECT count(*) AS n, min(created_on) AS oldest, "
                + "(SELECT 1 FROM assistant_sessions WHERE id = $1 AND company_id = $2 AND user_id = $3) AS owned, "
                + "(SELECT name FROM companies WHERE id = $2) AS company "
                + "FROM assistant_messages WHERE user_id = $3 AND role = 'assistant' AND created_on > $4) v "
                + "LEFT JOIN (SELECT "
                + COLUMNS
                + " FROM assistant_messages WHERE session_id = $1 AND company_id = $2 AND id <= $5 "
                + "ORDER BY id DESC LIMIT $6) m ON v.owned = 1 ORDER BY m.id",
            sessionId,
            caller.company(),
            caller.userId(),
            since,
            lastId,
            limit)
        .map(
            rows -> {
              Preflight checks = null;
              List<Message> history = new ArrayList<>();
              for (Row row : rows) {
                if (checks == null) {
                  checks =
                      new Preflight(
                          row.getLong("n"),
                          Rows.instant(row, "oldest"),
                          row.getValue("owned") != null,
                          row.getString("company"),
                          history);
                }
                if (row.getValue("id") != null) {
                  history.add(Message.of(row));
                }
              }
              return checks;
            });
  }

  /**
   * Stores the question and an empty streaming answer, checking the session is still the caller's
   * (and titling it from its first question), unless the caller already had as many answers as the
   * {@code throttle} allows: then it stores nothing and fails with 429. The count is taken under
   * the caller's lock ({@link #admit}), so questions sent at once cannot all slip under the limit.
   * In a transaction: what SQLite (one process, one connection) does; PostgreSQL does the same and
   * reads the prompt's history in one statement ({@link #askWithHistory}).
   */
  Future<Exchange> ask(
      Principal caller, long sessionId, String question, String model, Throttle throttle) {
    Instant now = Instant.now();
    String title = Sessions.titleFrom(question);
    return db.inTransaction(
        sql ->
            admit(sql, caller, throttle, now)
                .compose(v -> touchSession(sql, caller, sessionId, title, now))
                .compose(
                    v ->
                        sql.query(
                            "INSERT INTO assistant_messages (company_id, session_id, user_id, role, content, model, status, "
                                + "created_on, modified_on) VALUES ($1, $2, $3, 'user', $4, NULL, 'complete', $6, $6), "
                                + "($1, $2, $3, 'assistant', '', $5, 'streaming', $6, $6) RETURNING id, role",
                            caller.company(),
                            sessionId,
                            caller.userId(),
                            question,
                            model,
                            now))
                .map(rows -> exchange(rows, sessionId, model)));
  }

  /**
   * Whether {@link #askWithHistory} can do a question's checks, store and read in one statement.
   */
  boolean foldsPreflight() {
    return db.dialect() == Dialect.POSTGRES;
  }

  /** A stored question with what its prompt needs: the company's name and the earlier messages. */
  record Asked(Exchange exchange, String company, List<Message> history) {}

  /**
   * {@link #ask} and {@link #preflight} in one statement (PostgreSQL only), so that an answer holds
   * a pooled connection for one round trip: stores the question and its streaming answer under the
   * caller's throttle lock, exactly as {@link #ask} does (the count comes first, since the
   * session's UPDATE needs it, so the lock is taken before anything is written), and returns with
   * them the company's name and the session's latest {@code limit} messages before the question,
   * oldest first, so the model can be asked after one round trip. The refusals are {@link #ask}'s
   * (429 throttled first, then 404 for a session not the caller's in this company), and a refused
   * question stores nothing and reads no history. The history is read from the statement's
   * snapshot: it does not hold the new question, which the caller adds.
   */
  Future<Asked> askWithHistory(
      Principal caller,
      long sessionId,
      String question,
      String model,
      Throttle throttle,
      int limit) {
    Instant now = Instant.now();
    String title = Sessions.titleFrom(question);
    return db.sql()
        .query(
            "WITH t AS MATERIALIZED (SELECT answers, oldest FROM assistant_answers_since($3, $8)), "
                + "s AS (UPDATE assistant_sessions SET title = CASE WHEN title = '' THEN $4 ELSE title END, "
                + "modified_on = $7 WHERE id = $2 AND company_id = $1 AND user_id = $3 AND (SELECT answers FROM t) < $9 RETURNING id), "
                + "q AS (INSERT INTO assistant_messages (company_id, session_id, user_id, role, content, model, status, created_on, modified_on) "
                + "SELECT $1, s.id, $3, v.role, v.content, v.model, v.status, $7, $7 FROM s CROSS JOIN "
                + "(VALUES (1, 'user', $5::text, NULL::text, 'complete'), (2, 'assistant', '', $6::text, 'streaming')) "
                + "AS v (ord, role, content, model, status) ORDER BY v.ord RETURNING id, role), "
                + "h AS (SELECT "
                + COLUMNS
                + " FROM assistant_messages WHERE session_id = $2 AND company_id = $1 AND EXISTS (SELECT 1 FROM s) "
                + "ORDER BY id DESC LIMIT $10) "
                + "SELECT t.answers, t.oldest, (SELECT name FROM companies WHERE id = $1) AS company, "
                + "(SELECT id FROM q WHERE role = 'user') AS question_id, "
                + "(SELECT id FROM q WHERE role = 'assistant') AS answer_id, "
                + columns("h")
                + " FROM t LEFT JOIN h ON TRUE ORDER BY h.id",
            caller.company(),
            sessionId,
            caller.userId(),
            title,
            question,
            model,
            now,
            throttle.since(now),
            (long) throttle.perMinute(),
            limit)
        .map(
            rows -> {
              Row first = rows.iterator().next();
              throttle.check(first.getLong("answers"), Rows.instant(first, "oldest"), now);
              Long questionId = first.getLong("question_id");
              Long answerId = first.getLong("answer_id");
              if (questionId == null || answerId == null) {
                throw Sessions.notFound();
              }
              List<Message> history = new ArrayList<>();
              for (Row row : rows) {
                if (row.getValue("id") != null) {
                  history.add(Message.of(row));
                }
              }
              return new Asked(
                  new Exchange(sessionId, questionId, answerId, model),
                  first.getString("company"),
                  history);
            });
  }

  /**
   * Within a transaction: fails with 429 when the caller's answers in the throttle's window already
   * reach the limit. On PostgreSQL the count first takes the caller's throttle lock, held until the
   * transaction ends; SQLite's transactions run one at a time, so its count is already final.
   */
  private static Future<Void> admit(Sql sql, Principal caller, Throttle throttle, Instant now) {
    String count =
        sql.dialect() == Dialect.POSTGRES
            ? "SELECT answers, oldest FROM assistant_answers_since($1, $2)"
            : "SELECT count(*) AS answers, min(created_on) AS oldest FROM assistant_messages "
                + "WHERE user_id = $1 AND role = 'assistant' AND created_on > $2";
    return sql.one(count, caller.userId(), throttle.since(now))
        .map(
            found -> {
              Row row = found.orElseThrow();
              throttle.check(row.getLong("answers"), Rows.instant(row, "oldest"), now);
              return null;
            });
  }

  /**
   * The ids of a stored question and its answer (none: the session is not the caller's any more).
   */
  private static Exchange exchange(RowSet<Row> rows, long sessionId, String model) {
    long userId = -1;
    long answerId = -1;
    for (Row row : rows) {
      if ("user".equals(row.getString("role"))) {
        userId = row.getLong("id");
      } else if ("assistant".equals(row.getString("role"))) {
        answerId = row.getLong("id");
      }
    }
    if (userId < 0 || answerId < 0) {
      throw Sessions.notFound();
    }
    return new Exchange(sessionId, userId, answerId, model);
  }

  /**
   * Stores a new streaming answer to the question {@code userMessageId}, unless the {@code
   * throttle} refuses it (429).
   */
  Future<Exchange> reanswer(
      Principal caller, long sessionId, long userMessageId, String model, Throttle throttle) {
    Instant now = Instant.now();
    return db.inTransaction(
        sql ->
            admit(sql, caller, throttle, now)
                .compose(v -> touchSession(sql, caller, sessionId, null, now))
                .compose(
                    v -> insert(sql, caller, sessionId, "assistant", "", model, "streaming", now))
                .map(answerId -> new Exchange(sessionId, userMessageId, answerId, model)));
  }

  /**
   * Marks the session active (and titles it, when it has no title yet), or answers 404 when it is
   * not the caller's.
   */
  private static Future<Void> touchSession(
      Sql sql, Principal caller, long sessionId, String title, Instant now) {
    return sql.update(
            "UPDATE assistant_sessions SET title = CASE WHEN title = '' THEN COALESCE($4, title) ELSE title END, "
                + "modified_on = $5 WHERE id = $1 AND company_id = $2 AND user_id = $3",
            sessionId,
            caller.company(),
            caller.userId(),
            title,
            now)
        .map(
            n -> {
              if (n == 0) {
                throw Sessions.notFound();
              }
              return null;
            });
  }

  private static Future<Void> requireSession(Sql sql, Principal caller, long sessionId) {
    return sql.one(
            "SELECT id FROM assistant_sessions WHERE id = $1 AND company_id = $2 AND user_id = $3",
            sessionId,
            caller.company(),
            caller.userId())
        .map(
            row -> {
              row.orElseThrow(Sessions::notFound);
              return null;
            });
  }

  private static Future<Long> insert(
      Sql sql,
      Principal caller,
      long sessionId,
      String role,
      String content,
      String model,
      String status,
      Instant now) {
    return sql.one(
            "INSERT INTO assistant_messages (company_id, session_id, user_id, role, content, model, status, "
                + "created_on, modified_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
            caller.company(),
            sessionId,
            caller.userId(),
            role,
            content,
            model,
            status,
            now)
        .map(row -> row.orElseThrow().getLong(0));
  }

  /** Writes how an answer ended and answers the stored message. */
  Future<Message> finish(long companyId, long messageId, Ending ending) {
    // A session deleted while its answer streamed keeps no text: only the usage row remains.
    return db.sql()
        .one(
            "UPDATE assistant_messages SET content = CASE WHEN session_id IS NULL THEN '' ELSE $3 END, status = $4, "
                + "finish_reason = $5, prompt_tokens = $6, completion_tokens = $7, error_code = $8, "
                + "tool_calls = CASE WHEN session_id IS NULL THEN NULL ELSE $9 END, modified_on = $10 WHERE id = $1 AND company_id = $2 "
                + "RETURNING "
                + COLUMNS,
            messageId,
            companyId,
            ending.content(),
            ending.status(),
            ending.finishReason(),
            ending.promptTokens(),
            ending.completionTokens(),
            ending.errorCode(),
            ending.toolCalls().isEmpty() ? null : ending.toolCalls().encode(),
            Instant.now())
        .map(
            row ->
                Message.of(
                    row.orElseThrow(
                        () ->
                            ApiException.notFound(
                                "The conversation was deleted while it was answered."))));
  }

  Future<Message> get(Principal caller, long sessionId, long messageId) {
    return db.sql()
        .one(
            "SELECT " + columns("m") + OWNED + " AND m.id = $4",
            sessionId,
            caller.company(),
            caller.userId(),
            messageId)
        .map(
            row ->
                Message.of(
                    row.orElseThrow(
                        () -> ApiException.notFound("No such message in this session."))));
  }

  Future<Page.Found> list(Principal caller, long sessionId, Page page) {
    return db.sql()
        .count("SELECT count(*)" + OWNED, sessionId, caller.company(), caller.userId())
        .compose(
            count ->
                count == 0
                    ? requireSession(db.sql(), caller, sessionId)
                        .map(v -> new Page.Found(0, new JsonArray()))
                    : db.sql()
                        .query(
                            "SELECT " + columns("m") + OWNED + " ORDER BY m.id LIMIT $4 OFFSET $5",
                            sessionId,
                            caller.company(),
                            caller.userId(),
                            page.size(),
                            page.offset())
                        .map(
                            rows -> {
                              JsonArray results = new JsonArray();
                              rows.forEach(row -> results.add(Message.of(row).json()));
                              return new Page.Found(count, results);
                            }));
  }

  /**
   * The latest question of a session and the latest answer after it (either may be missing: -1).
   */
  Future<long[]> latest(long companyId, long sessionId) {
    return db.sql()
        .one(
            "SELECT (SELECT max(id) FROM assistant_messages WHERE session_id = $1 AND company_id = $2 AND role = 'user') AS q, "
                + "(SELECT max(id) FROM assistant_messages WHERE session_id = $1 AND company_id = $2 AND role = 'assistant') AS a",
            sessionId,
            companyId)
        .map(row -> new long[] {orMinus(row.orElseThrow(), "q"), orMinus(row.orElseThrow(), "a")});
  }

  /** Marks answers this process is still writing as alive ({@link Leases}). */
  Future<Integer> renew(List<Long> streamingHere, Instant now) {
    List<Object> args = new ArrayList<>(List.of(now));
    args.addAll(streamingHere);
    return db.sql()
        .update(
            "UPDATE assistant_messages SET modified_on = $1 WHERE status = 'streaming' AND id IN ("
                + Sql.placeholders(2, args.size())
                + ")",
            args.toArray());
  }

  /**
   * Fails the answers nobody has renewed since {@code cutoff}: the process writing them is gone
   * ({@link Leases}).
   */
  Future<Integer> failStale(Instant cutoff, Instant now) {
    return db.sql()
        .update(
            "UPDATE assistant_messages SET status = 'failed', error_code = $1, modified_on = $2 "
                + "WHERE status = 'streaming' AND modified_on < $3",
            "server_restarting",
            now,
            cutoff);
  }

  private static long orMinus(Row row, String column) {
    Long v = Rows.longValue(row, column);
    return v == null ? -1 : v;
  }

  /** {@link #COLUMNS}, each taken from {@code alias}. */
  private static String columns(String alias) {
    return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
  }
}
