package com.projectmeats.reports;

import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who owes what, and for how long: open amounts per party in the buckets brokers use (current,
 * 1–30, 31–60, 61–90, over 90 days past due), as of a date. Amounts are summed as cents.
 */
final class Aging {
  static final List<String> BUCKETS = List.of("current", "1-30", "31-60", "61-90", "over_90");

  /** One open amount: whose, how much (cents) and when it falls due. */
  record Open(long partyId, String partyName, long cents, LocalDate due) {}

  static String bucket(LocalDate due, LocalDate asOf) {
    long late = due == null ? 0 : ChronoUnit.DAYS.between(due, asOf);
    if (late <= 0) {
      return "current";
    }
    return late <= 30 ? "1-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : "over_90";
  }

  /** Receivables: sent or overdue invoices with something outstanding, due on their due date. */
  static Future<List<Open>> receivables(Sql sql, long company) {
    return sql.query(
            """
            SELECT c.id AS party_id, c.name AS party_name, i.outstanding_amount, i.due_date, i.invoice_date
              FROM invoices i JOIN customers c ON c.id = i.customer_id
             WHERE i.company_id = $1 AND i.status IN ('sent', 'overdue') AND i.outstanding_amount > 0""",
            company)
        .map(
            rows ->
                collect(
                    rows,
                    row ->
                        new Open(
                            row.getLong("party_id"),
                            row.getString("party_name"),
                            row.getLong("outstanding_amount"),
                            firstNonNull(
                                Rows.date(row, "due_date"), Rows.date(row, "invoice_date")))));
  }

  /**
   * Payables: what we still owe suppliers on purchase orders (due by their credit terms after
   * delivery, or a day before pick-up for "Wire 1 day prior") and carriers on unpaid carrier
   * orders.
   */
  static Future<List<Open>> payables(Sql sql, long company) {
    Future<List<Open>> suppliers =
        sql.query(
                """
            SELECT s.id AS party_id, s.name AS party_name, p.outstanding_amount, p.credit_limit,
                   p.order_date, p.pick_up_date, p.delivery_date
              FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id
             WHERE p.company_id = $1 AND p.status NOT IN ('draft', 'cancelled') AND p.outstanding_amount > 0""",
                company)
            .map(
                rows ->
                    collect(
                        rows,
                        row ->
                            new Open(
                                row.getLong("party_id"),
                                row.getString("party_name"),
                                row.getLong("outstanding_amount"),
                                supplierDue(row))));
    Future<List<Open>> carriers =
        sql.query(
                """
            SELECT c.id AS party_id, c.name AS party_name, o.rate, o.due_date, o.delivery_date, o.pick_up_date
              FROM carrier_purchase_orders o JOIN carriers c ON c.id = o.carrier_id
             WHERE o.company_id = $1 AND o.paid_on IS NULL AND o.rate > 0""",
                company)
            .map(
                rows ->
                    collect(
                        rows,
                        row ->
                            new Open(
                                -row.getLong("party_id"),
                                row.getString("party_name") + " (carrier)",
                                row.getLong("rate"),
                                firstNonNull(
                                    Rows.date(row, "due_date"),
                                    Rows.date(row, "delivery_date"),
                                    Rows.date(row, "pick_up_date")))));
    return suppliers.compose(
        s ->
            carriers.map(
                c -> {
                  List<Open> all = new java.util.ArrayList<>(s);
                  all.addAll(c);
                  return all;
                }));
  }

  static LocalDate supplierDue(Row row) {
    String terms = row.getString("credit_limit");
    LocalDate pickUp = Rows.date(row, "pick_up_date");
    LocalDate delivered =
        firstNonNull(Rows.date(row, "delivery_date"), pickUp, Rows.date(row, "order_date"));
    if (terms == null || delivered == null) {
      return delivered;
    }
    if (terms.startsWith("Wire")) {
      return pickUp == null ? delivered.minusDays(1) : pickUp.minusDays(1);
    }
    return delivered.plusDays(Long.parseLong(terms.replaceAll("\\D", "")));
  }

  static JsonObject report(List<Open> open, LocalDate asOf) {
    Map<Long, JsonObject> parties = new LinkedHashMap<>();
    Map<Long, long[]> sums = new LinkedHashMap<>();
    long[] totals = new long[BUCKETS.size() + 1];
    for (Open o : open) {
      int b = BUCKETS.indexOf(bucket(o.due(), asOf));
      long[] s = sums.computeIfAbsent(o.partyId(), k -> new long[BUCKETS.size() + 1]);
      parties.computeIfAbsent(
          o.partyId(),
          k -> new JsonObject().put("id", Math.abs(o.partyId())).put("name", o.partyName()));
      s[b] += o.cents();
      s[BUCKETS.size()] += o.cents();
      totals[b] += o.cents();
      totals[BUCKETS.size()] += o.cents();
    }
    JsonArray rows = new JsonArray();
    parties.entrySet().stream()
        .sorted(
            (a, b) ->
                Long.compare(
                    sums.get(b.getKey())[BUCKETS.size()], sums.get(a.getKey())[BUCKETS.size()]))
        .forEach(e -> rows.add(amounts(e.getValue(), sums.get(e.getKey()))));
    return new JsonObject()
        .put("as_of", asOf.toString())
        .put("buckets", new JsonArray(BUCKETS))
        .put("parties", rows)
        .put("totals", amounts(new JsonObject(), totals));
  }

  private static JsonObject amounts(JsonObject into, long[] cents) {
    for (int i = 0; i < BUCKETS.size(); i++) {
      into.put(BUCKETS.get(i), BigDecimal.valueOf(cents[i], 2).toPlainString());
    }
    return into.put("total", BigDecimal.valueOf(cents[BUCKETS.size()], 2).toPlainString());
  }

  private static <T> List<T> collect(
      io.vertx.sqlclient.RowSet<Row> rows, java.util.function.Function<Row, T> map) {
    List<T> out = new java.util.ArrayList<>();
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
