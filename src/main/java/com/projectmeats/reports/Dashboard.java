package com.projectmeats.reports;

import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a broker reads at a glance: open orders, revenue and margin by month, top parties, loads not
 * matched.
 */
final class Dashboard {
  private Dashboard() {}

  static Future<JsonObject> build(Sql sql, long company, LocalDate today) {
    YearMonth last = YearMonth.from(today);
    LocalDate from = last.minusMonths(11).atDay(1);
    String month = sql.dialect().yearMonth("order_date");
    Future<JsonObject> purchaseStatus =
        countByStatus(sql, "purchase_orders", company, "('delivered', 'cancelled')");
    Future<JsonObject> salesStatus =
        countByStatus(sql, "sales_orders", company, "('delivered', 'cancelled')");
    Future<Map<String, long[]>> monthly =
        sql.query(
                "SELECT "
                    + month
                    + " AS month, sum(total_amount) AS total FROM sales_orders"
                    + " WHERE company_id = $1 AND status <> 'cancelled' AND order_date >= $2 GROUP BY "
                    + month,
                company,
                from)
            .compose(
                sales ->
                    sql.query(
                            "SELECT "
                                + month
                                + " AS month, sum(total_amount) AS total FROM purchase_orders"
                                + " WHERE company_id = $1 AND status NOT IN ('draft', 'cancelled') AND order_date >= $2 GROUP BY "
                                + month,
                            company,
                            from)
                        .map(
                            purchases -> {
                              Map<String, long[]> months = new LinkedHashMap<>();
                              for (int i = 11; i >= 0; i--) {
                                months.put(last.minusMonths(i).toString(), new long[2]);
                              }
                              sales.forEach(
                                  r ->
                                      months.computeIfPresent(
                                          r.getString("month"),
                                          (k, v) -> {
                                            v[0] = r.getLong("total");
                                            return v;
                                          }));
                              purchases.forEach(
                                  r ->
                                      months.computeIfPresent(
                                          r.getString("month"),
                                          (k, v) -> {
                                            v[1] = r.getLong("total");
                                            return v;
                                          }));
                              return months;
                            }));
    Future<JsonArray> topCustomers =
        top(sql, "sales_orders", "customers", "customer_id", company, from);
    Future<JsonArray> topSuppliers =
        top(sql, "purchase_orders", "suppliers", "supplier_id", company, from);
    Future<Long> unmatched =
        sql.count(
            "SELECT count(*) FROM sales_orders WHERE company_id = $1 AND purchase_order_id IS NULL"
                + " AND status NOT IN ('delivered', 'cancelled')",
            company);
    return Future.all(purchaseStatus, salesStatus, monthly, topCustomers, topSuppliers, unmatched)
        .map(
            all -> {
              JsonArray months = new JsonArray();
              monthly
                  .result()
                  .forEach(
                      (m, v) ->
                          months.add(
                              new JsonObject()
                                  .put("month", m)
                                  .put("revenue", money(v[0]))
                                  .put("cost", money(v[1]))
                                  .put("margin", money(v[0] - v[1]))));
              return new JsonObject()
                  .put(
                      "open_orders",
                      new JsonObject()
                          .put("purchase", purchaseStatus.result())
                          .put("sales", salesStatus.result()))
                  .put("monthly", months)
                  .put("top_customers", topCustomers.result())
                  .put("top_suppliers", topSuppliers.result())
                  .put("unmatched_loads", unmatched.result());
            });
  }

  private static Future<JsonObject> countByStatus(
      Sql sql, String table, long company, String closed) {
    return sql.query(
            "SELECT status, count(*) AS n FROM "
                + table
                + " WHERE company_id = $1 AND status NOT IN "
                + closed
                + " GROUP BY status ORDER BY status",
            company)
        .map(
            rows -> {
              JsonObject out = new JsonObject();
              rows.forEach(r -> out.put(r.getString("status"), r.getLong("n")));
              return out;
            });
  }

  private static Future<JsonArray> top(
      Sql sql, String orders, String parties, String column, long company, LocalDate from) {
    return sql.query(
            "SELECT p.id, p.name, sum(o.total_amount) AS total FROM "
                + orders
                + " o JOIN "
                + parties
                + " p ON p.id = o."
                + column
                + " WHERE o.company_id = $1 AND o.status NOT IN ('draft', 'cancelled') AND o.order_date >= $2"
                + " GROUP BY p.id, p.name ORDER BY total DESC, p.id LIMIT 5",
            company,
            from)
        .map(
            rows -> {
              JsonArray out = new JsonArray();
              rows.forEach(
                  r ->
                      out.add(
                          new JsonObject()
                              .put("id", r.getLong("id"))
                              .put("name", r.getString("name"))
                              .put("total", money(r.getLong("total")))));
              return out;
            });
  }

  private static String money(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
