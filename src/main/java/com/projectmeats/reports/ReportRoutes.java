package com.projectmeats.reports;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.http.Api;
import com.projectmeats.core.http.Operation;
import com.projectmeats.core.http.Reply;
import com.projectmeats.core.http.Schema;
import com.projectmeats.core.security.Access;
import com.projectmeats.core.security.Principal;
import com.projectmeats.core.security.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/** Aging of receivables and payables, and the dashboard; read-only, for every member. */
public final class ReportRoutes implements Consumer<Api> {
  private final Database db;

  public ReportRoutes(Database db) {
    this.db = db;
  }

  @Override
  public void accept(Api api) {
    Access read = Access.member(Role.READONLY);
    api.get(
        "/reports/receivables-aging",
        read,
        Operation.of("getReceivablesAging", "reports", "What each customer owes, by days past due")
            .query("as_of", Schema.date(), "The day to age from; today (UTC) by default.")
            .returns(ReportSchemas.AGING),
        ctx -> {
          LocalDate asOf = asOf(ctx);
          return Aging.receivables(db.sql(), Principal.of(ctx).company())
              .map(open -> Reply.ok(Aging.report(open, asOf)));
        });
    api.get(
        "/reports/payables-aging",
        read,
        Operation.of(
                "getPayablesAging",
                "reports",
                "What we owe suppliers and carriers, by days past due")
            .query("as_of", Schema.date(), "The day to age from; today (UTC) by default.")
            .returns(ReportSchemas.AGING),
        ctx -> {
          LocalDate asOf = asOf(ctx);
          return Aging.payables(db.sql(), Principal.of(ctx).company())
              .map(open -> Reply.ok(Aging.report(open, asOf)));
        });
    api.get(
        "/reports/dashboard",
        read,
        Operation.of(
                "getDashboard",
                "reports",
                "Open orders, revenue and margin by month, top parties, unmatched loads")
            .returns(ReportSchemas.DASHBOARD),
        ctx ->
            Dashboard.build(db.sql(), Principal.of(ctx).company(), LocalDate.now(ZoneOffset.UTC))
                .map(Reply::ok));
  }

  /** Reports for other code (the assistant's tools): the same figures the routes answer. */
  public Future<JsonObject> receivables(Principal caller, LocalDate asOf) {
    return Aging.receivables(db.sql(), caller.company()).map(open -> Aging.report(open, asOf));
  }

  public Future<JsonObject> dashboard(Principal caller) {
    return Dashboard.build(db.sql(), caller.company(), LocalDate.now(ZoneOffset.UTC));
  }

  private static LocalDate asOf(RoutingContext ctx) {
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
}
