package com.projectmeats.today;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * {@code GET /today}: what needs the broker's attention today, section by section, with exact
 * counts (the web app's first page and its navigation badges); read-only, for every member.
 */
public final class TodayRoutes implements Consumer<Api> {
  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 100;

  private static final Schema.Named ITEM =
      Schema.named(
          "TodayItem",
          Schema.object()
              .required(
                  "resource",
                  Schema.string()
                      .describe("The resource of the record (purchase-orders, invoices…)."))
              .required("id", Schema.id())
              .required("label", Schema.nullable(Schema.string()))
              .required("party", Schema.nullable(Schema.string()))
              .required("reason", Schema.string())
              .optional(
                  "date",
                  Schema.nullable(Schema.string())
                      .describe("The day (or, for calls, the time) the item is about."))
              .optional("amount", Schema.nullable(Schema.decimal(2)))
              .optional("assignee", Schema.nullable(Schema.string()))
              .optional("status", Schema.nullable(Schema.string())));

  private static final Schema.Named TODAY =
      Schema.named(
          "Today",
          Schema.object()
              .required("as_of", Schema.date())
              .required("total", Schema.integer().with("minimum", 0))
              .required(
                  "counts",
                  Schema.of(
                          new JsonObject()
                              .put("type", "object")
                              .put(
                                  "additionalProperties",
                                  new JsonObject().put("type", "integer").put("minimum", 0)))
                      .describe("Section key → how many."))
              .required(
                  "sections",
                  Schema.arrayOf(
                      Schema.named(
                          "TodaySection",
                          Schema.object()
                              .required("key", Schema.string())
                              .required("title", Schema.string())
                              .required("count", Schema.integer().with("minimum", 0))
                              .required("items", Schema.arrayOf(ITEM))))));

  private final Database db;

  public TodayRoutes(Database db) {
    this.db = db;
  }

  @Override
  public void accept(Api api) {
    api.get(
        "/today",
        Access.member(Role.READONLY),
        Operation.of(
                "getToday",
                "today",
                "Today's work: orders awaiting approval, loads moving today and tomorrow, calls due, invoices due or overdue, loads not matched")
            .query("as_of", Schema.date(), "The day to plan; today (UTC) by default.")
            .query(
                "limit",
                Schema.integer().with("minimum", 0).with("maximum", MAX_LIMIT),
                "Items per section, 0 for the counts alone; " + DEFAULT_LIMIT + " by default.")
            .returns(TODAY),
        ctx ->
            new Agenda(db.sql(), Principal.of(ctx).company(), asOf(ctx), limit(ctx))
                .sections()
                .map(
                    sections -> {
                      JsonObject counts = new JsonObject();
                      JsonArray out = new JsonArray();
                      long total = 0;
                      for (Agenda.Section s : sections) {
                        counts.put(s.key(), s.count());
                        total += s.count();
                        out.add(s.json());
                      }
                      return Reply.ok(
                          new JsonObject()
                              .put("as_of", asOf(ctx).toString())
                              .put("total", total)
                              .put("counts", counts)
                              .put("sections", out));
                    }));
  }

  static LocalDate asOf(RoutingContext ctx) {
    String value = ctx.queryParams().get("as_of");
    if (value == null || value.isBlank()) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("as_of", "'as_of' takes a date like 2026-11-26.");
    }
  }

  /** Rows per section ({@code limit}, 0 for counts only); the counts are exact whatever it is. */
  static int limit(RoutingContext ctx) {
    String value = ctx.queryParams().get("limit");
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    if (!value.matches("\\d{1,3}") || Integer.parseInt(value) > MAX_LIMIT) {
      throw ApiException.badRequest(
          "limit", "'limit' takes a whole number from 0 to " + MAX_LIMIT + ".");
    }
    return Integer.parseInt(value);
  }
}
