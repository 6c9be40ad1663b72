package com.projectmeats.assistant;

import com.projectmeats.core.crud.Records;
import com.projectmeats.core.security.Principal;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report tools, computed from {@link Records} lists with the caller's principal. When the
 * brokerage's report services exist these can call them instead; the answers keep their shape.
 */
final class Reports {
  static final List<String> OPEN_PURCHASE = List.of("pending", "approved", "shipped");
  static final List<String> OPEN_SALES = List.of("pending", "confirmed", "in_transit");
  static final List<String> UNPAID_INVOICES = List.of("sent", "overdue");
  static final List<String> BUCKETS = List.of("current", "1_30", "31_60", "61_90", "over_90");
  /** Aging reads at most this many pages of 100 invoices per status; beyond, the answer says it is partial. */
  static final int AGING_PAGES = 10;

  private final Records records;

  Reports(Records records) {
    this.records = records;
  }

  Future<Tools.Result> openOrders(Principal caller) {
    require("purchase-orders", "sales-orders");
    Future<JsonObject> purchase = byStatus(caller, "purchase-orders", OPEN_PURCHASE, 5);
    Future<JsonObject> sales = byStatus(caller, "sales-orders", OPEN_SALES, 5);
    return Future.all(purchase, sales).map(all -> {
      JsonObject output = new JsonObject().put("purchase_orders", purchase.result()).put("sales_orders", sales.result());
      return new Tools.Result(output, total(purchase.result()) + " open purchase orders, " + total(sales.result()) + " open sales orders");
    });
  }

  Future<Tools.Result> receivablesAging(Principal caller) {
    require("invoices");
    return aging(caller).map(aging -> new Tools.Result(aging,
        "receivables " + aging.getString("total") + " outstanding, " + aging.getJsonObject("buckets").getString("over_90") + " over 90 days"));
  }

  Future<Tools.Result> dashboard(Principal caller) {
    require("purchase-orders", "sales-orders", "invoices");
    Future<JsonObject> purchase = byStatus(caller, "purchase-orders", OPEN_PURCHASE, 1);
    Future<JsonObject> sales = byStatus(caller, "sales-orders", OPEN_SALES, 1);
    Future<JsonObject> unmatched = records.list(caller, "sales-orders", query(1).set("load_status", "TBD - Not Matched"));
    Future<JsonObject> aging = aging(caller);
    return Future.all(purchase, sales, unmatched, aging).map(all -> {
      JsonObject output = new JsonObject()
          .put("open_purchase_orders", counts(purchase.result()))
          .put("open_sales_orders", counts(sales.result()))
          .put("loads_not_matched", unmatched.result().getLong("count", 0L))
          .put("receivables", new JsonObject().put("total", aging.result().getString("total"))
              .put("buckets", aging.result().getJsonObject("buckets")));
      return new Tools.Result(output, "dashboard: " + total(purchase.result()) + " open purchase orders, "
          + total(sales.result()) + " open sales orders, receivables " + aging.result().getString("total"));
    });
  }

  /** {status: {count, results}} for each status, with at most {@code shown} records each. */
  private Future<JsonObject> byStatus(Principal caller, String resource, List<String> statuses, int shown) {
    List<Future<JsonObject>> pages = new ArrayList<>();
    for (String status : statuses) {
      pages.add(records.list(caller, resource, query(shown).set("status", status)));
    }
    return Future.all(pages).map(all -> {
      JsonObject out = new JsonObject();
      for (int i = 0; i < statuses.size(); i++) {
        JsonObject page = pages.get(i).result();
        out.put(statuses.get(i), new JsonObject().put("count", page.getLong("count", 0L))
            .put("results", page.getJsonArray("results", new JsonArray())));
      }
      return out;
    });
  }

  private Future<JsonObject> aging(Principal caller) {
    List<JsonObject> invoices = new ArrayList<>();
    Future<Boolean> complete = Future.succeededFuture(true);
    for (String status : UNPAID_INVOICES) {
      complete = complete.compose(soFar -> collect(caller, status, 1, invoices).map(all -> soFar && all));
    }
    return complete.map(all -> age(invoices, LocalDate.now(ZoneOffset.UTC)).put("complete", all));
  }

  /** Reads the invoices of one status page by page; answers false when it stopped at the page limit. */
  private Future<Boolean> collect(Principal caller, String status, int page, List<JsonObject> into) {
    return records.list(caller, "invoices", query(100).set("status", status).set("page", Integer.toString(page)))
        .compose(result -> {
          JsonArray rows = result.getJsonArray("results", new JsonArray());
          rows.forEach(row -> {
            if (row instanceof JsonObject invoice) {
              into.add(invoice);
            }
          });
          boolean more = result.getValue("next") != null && !rows.isEmpty();
          if (!more) {
            return Future.succeededFuture(true);
          }
          return page >= AGING_PAGES ? Future.succeededFuture(false) : collect(caller, status, page + 1, into);
        });
  }

  /** Buckets by days past the due date (the invoice date when no due date), per customer and in total. */
  static JsonObject age(List<JsonObject> invoices, LocalDate today) {
    Map<String, BigDecimal> totals = emptyBuckets();
    Map<String, Map<String, BigDecimal>> byCustomer = new LinkedHashMap<>();
    for (JsonObject invoice : invoices) {
      BigDecimal amount = decimal(invoice.getValue("outstanding_amount", invoice.getValue("total_amount")));
      if (amount.signum() <= 0) {
        continue;
      }
      String due = invoice.getString("due_date", invoice.getString("invoice_date"));
      long late = due == null ? 0 : ChronoUnit.DAYS.between(LocalDate.parse(due.substring(0, 10)), today);
      String bucket = late <= 0 ? "current" : late <= 30 ? "1_30" : late <= 60 ? "31_60" : late <= 90 ? "61_90" : "over_90";
      totals.merge(bucket, amount, BigDecimal::add);
      String customer = String.valueOf(invoice.getValue("customer_name", "customer " + invoice.getValue("customer")));
      byCustomer.computeIfAbsent(customer, c -> emptyBuckets()).merge(bucket, amount, BigDecimal::add);
    }
    JsonArray customers = new JsonArray();
    byCustomer.entrySet().stream()
        .sorted((a, b) -> sum(b.getValue()).compareTo(sum(a.getValue())))
        .limit(20)
        .forEach(e -> customers.add(new JsonObject().put("customer", e.getKey()).put("total", money(sum(e.getValue())))
            .put("buckets", json(e.getValue()))));
    return new JsonObject().put("as_of", today.toString()).put("total", money(sum(totals))).put("buckets", json(totals))
        .put("customers", customers).put("invoices", invoices.size());
  }

  private void require(String... resources) {
    for (String resource : resources) {
      if (!records.resources().contains(resource)) {
        throw new IllegalArgumentException(resource + " cannot be read here yet");
      }
    }
  }

  private static MultiMap query(int pageSize) {
    return MultiMap.caseInsensitiveMultiMap().set("page_size", Integer.toString(pageSize));
  }

  private static long total(JsonObject byStatus) {
    long n = 0;
    for (String status : byStatus.fieldNames()) {
      n += byStatus.getJsonObject(status).getLong("count", 0L);
    }
    return n;
  }

  private static JsonObject counts(JsonObject byStatus) {
    JsonObject out = new JsonObject();
    byStatus.fieldNames().forEach(status -> out.put(status, byStatus.getJsonObject(status).getLong("count", 0L)));
    return out;
  }

  private static Map<String, BigDecimal> emptyBuckets() {
    Map<String, BigDecimal> buckets = new LinkedHashMap<>();
    BUCKETS.forEach(b -> buckets.put(b, BigDecimal.ZERO));
    return buckets;
  }

  private static BigDecimal sum(Map<String, BigDecimal> buckets) {
    return buckets.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static JsonObject json(Map<String, BigDecimal> buckets) {
    JsonObject out = new JsonObject();
    buckets.forEach((k, v) -> out.put(k, money(v)));
    return out;
  }

  private static BigDecimal decimal(Object value) {
    try {
      return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }

  private static String money(BigDecimal v) {
    return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
