package com.projectmeats.assistant;

import com.projectmeats.core.crud.Records;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The report tools. Aging and the dashboard are the brokerage's own reports (the figures of GET
 * /reports/…); open orders are read through {@link Records}. All run as the caller.
 */
final class Reports {
  /** The brokerage's reports, as the assistant needs them (ReportRoutes in App). */
  record Source(
      BiFunction<Principal, LocalDate, Future<JsonObject>> receivables,
      Function<Principal, Future<JsonObject>> dashboard) {}

  /** Not delivered and not cancelled, as the dashboard counts them. */
  static final List<String> OPEN_PURCHASE = List.of("draft", "pending", "approved", "shipped");

  static final List<String> OPEN_SALES = List.of("pending", "confirmed", "in_transit");
  static final int SHOWN_PER_STATUS = 5;

  private final Records records;
  private final Source source;

  Reports(Records records, Source source) {
    this.records = records;
    this.source = source;
  }

  Future<Tools.Result> openOrders(Principal caller) {
    Future<JsonObject> purchase = byStatus(caller, "purchase-orders", OPEN_PURCHASE);
    Future<JsonObject> sales = byStatus(caller, "sales-orders", OPEN_SALES);
    return Future.all(purchase, sales)
        .map(
            all ->
                new Tools.Result(
                    new JsonObject()
                        .put("purchase_orders", purchase.result())
                        .put("sales_orders", sales.result()),
                    total(purchase.result())
                        + " open purchase orders, "
                        + total(sales.result())
                        + " open sales orders"));
  }

  Future<Tools.Result> receivablesAging(Principal caller) {
    return source
        .receivables()
        .apply(caller, LocalDate.now(ZoneOffset.UTC))
        .map(
            aging -> {
              JsonObject totals = aging.getJsonObject("totals", new JsonObject());
              return new Tools.Result(
                  aging, "receivables " + totals.getString("total", "0.00") + " outstanding");
            });
  }

  Future<Tools.Result> dashboard(Principal caller) {
    return source
        .dashboard()
        .apply(caller)
        .map(
            board -> {
              JsonObject open = board.getJsonObject("open_orders", new JsonObject());
              return new Tools.Result(
                  board,
                  "dashboard: "
                      + sum(open.getJsonObject("purchase"))
                      + " open purchase orders, "
                      + sum(open.getJsonObject("sales"))
                      + " open sales orders, "
                      + board.getValue("unmatched_loads", 0)
                      + " loads not matched");
            });
  }

  /** {status: {count, results}} per status, with the first few records of each. */
  private Future<JsonObject> byStatus(Principal caller, String resource, List<String> statuses) {
    List<Future<JsonObject>> pages = new ArrayList<>();
    for (String status : statuses) {
      pages.add(
          records.list(
              caller,
              resource,
              MultiMap.caseInsensitiveMultiMap()
                  .set("status", status)
                  .set("page_size", Integer.toString(SHOWN_PER_STATUS))));
    }
    return Future.all(pages)
        .map(
            all -> {
              JsonObject out = new JsonObject();
              for (int i = 0; i < statuses.size(); i++) {
                JsonObject page = pages.get(i).result();
                out.put(
                    statuses.get(i),
                    new JsonObject()
                        .put("count", page.getLong("count", 0L))
                        .put("results", page.getJsonArray("results", new JsonArray())));
              }
              return out;
            });
  }

  private static long total(JsonObject byStatus) {
    long n = 0;
    for (String status : byStatus.fieldNames()) {
      n += byStatus.getJsonObject(status).getLong("count", 0L);
    }
    return n;
  }

  private static long sum(JsonObject counts) {
    long n = 0;
    if (counts != null) {
      for (String status : counts.fieldNames()) {
        n += counts.getLong(status, 0L);
      }
    }
    return n;
  }
}
