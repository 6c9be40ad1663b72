package com.projectmeats.assistant;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /assistant/usage}: the company's token usage per month (UTC), with a line per model.
 * Counts every answer, also of deleted sessions. Managers and above see it: it is what the company
 * pays for.
 */
final class UsageRoutes {
  private final Database db;

  UsageRoutes(Database db) {
    this.db = db;
  }

  void mount(Api api, Guard guard) {
    api.get(
        "/assistant/usage",
        Access.member(Role.MANAGER),
        Operation.of(
                "getAssistantUsage",
                "assistant",
                "The company's assistant token usage per month (month=YYYY-MM for one month, else the last 12)")
            .query(
                "month",
                Schema.string().with("pattern", "^\\d{4}-\\d{2}$"),
                "One month, such as 2026-11.")
            .returns(AssistantSchemas.MONTHLY_USAGE),
        guard.wrap(this::usage));
  }

  private Future<Reply> usage(RoutingContext ctx) {
    YearMonth first;
    YearMonth last;
    String month = ctx.queryParams().get("month");
    if (month != null) {
      try {
        first = last = YearMonth.parse(month.trim());
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("month", "month must look like 2026-11.");
      }
    } else {
      last = YearMonth.now(ZoneOffset.UTC);
      first = last.minusMonths(11);
    }
    Instant from = first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = last.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    // A timestamp column, so the month is taken in UTC (Dialect.yearMonth is for date columns).
    String monthOf =
        db.dialect() == Dialect.POSTGRES
            ? "to_char(created_on AT TIME ZONE 'UTC', 'YYYY-MM')"
            : "substr(created_on, 1, 7)";
    return db.sql()
        .query(
            "SELECT "
                + monthOf
                + " AS month, model, count(*) AS messages, sum(prompt_tokens) AS prompt_tokens, "
                + "sum(completion_tokens) AS completion_tokens FROM assistant_messages "
                + "WHERE company_id = $1 AND role = 'assistant' AND created_on >= $2 AND created_on < $3 "
                + "GROUP BY 1, 2 ORDER BY 1 DESC, 2",
            Principal.of(ctx).company(),
            from,
            to)
        .map(
            rows -> {
              Map<String, JsonObject> months = new LinkedHashMap<>();
              rows.forEach(
                  row -> {
                    long prompt = Rows.longValue(row, "prompt_tokens");
                    long completion = Rows.longValue(row, "completion_tokens");
                    long messages = Rows.longValue(row, "messages");
                    JsonObject m =
                        months.computeIfAbsent(
                            row.getString("month"),
                            k ->
                                new JsonObject()
                                    .put("month", k)
                                    .put("prompt_tokens", 0L)
                                    .put("completion_tokens", 0L)
                                    .put("total_tokens", 0L)
                                    .put("messages", 0L)
                                    .put("by_model", new JsonArray()));
                    m.put("prompt_tokens", m.getLong("prompt_tokens") + prompt)
                        .put("completion_tokens", m.getLong("completion_tokens") + completion)
                        .put("total_tokens", m.getLong("total_tokens") + prompt + completion)
                        .put("messages", m.getLong("messages") + messages);
                    m.getJsonArray("by_model")
                        .add(
                            new JsonObject()
                                .put("model", row.getString("model"))
                                .put("messages", messages)
                                .put("prompt_tokens", prompt)
                                .put("completion_tokens", completion));
                  });
              return Reply.ok(
                  new JsonObject()
                      .put("results", new JsonArray(new java.util.ArrayList<>(months.values()))));
            });
  }
}
