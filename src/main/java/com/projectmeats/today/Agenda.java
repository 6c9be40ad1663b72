package com.projectmeats.today;

import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A broker's work for one day, in sections: each row names its record (resource, id, label), the
 * counterpart and why it is on the list; each section's count is exact, its rows are the first
 * {@code limit}. Days are UTC days, as everywhere else in the service ({@code domain/Today}).
 */
final class Agenda {
  /** Invoices fall due "this week" when due within the seven days starting today. */
  static final int WEEK_DAYS = 7;

  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  /** One section: its key, a title for people, how many records it holds and the first of them. */
  record Section(String key, String title, long count, JsonArray items) {
    JsonObject json() {
      return new JsonObject()
          .put("key", key)
          .put("title", title)
          .put("count", count)
          .put("items", items);
    }
  }

  private final Sql sql;
  private final long company;
  private final LocalDate today;
  private final int limit;

  Agenda(Sql sql, long company, LocalDate today, int limit) {
    this.sql = sql;
    this.company = company;
    this.today = today;
    this.limit = limit;
  }

  Future<List<Section>> sections() {
    List<Future<Section>> all = List.of(approvals(), loads(), calls(), invoices(), unmatched());
    return Future.all(all).map(done -> all.stream().map(Future::result).toList());
  }

  // ---- the sections ------------------------------------------------------------------------

  private Future<Section> approvals() {
    String where =
        " FROM purchase_orders p JOIN suppliers s ON s.id = p.supplier_id"
            + " WHERE p.company_id = $1 AND p.status = 'pending'";
    return section(
        "purchase_orders_awaiting_approval",
        "Purchase orders awaiting approval",
        "SELECT count(*)" + where,
        "SELECT p.id, p.order_number AS label, s.name AS party, p.order_date AS day, p.total_amount AS amount"
            + where
            + " ORDER BY p.order_date, p.id LIMIT $2",
        row ->
            item("purchase-orders", row, "Submitted; waiting for a manager to approve it")
                .put("date", dateOf(row, "day"))
                .put("amount", money(row, "amount")),
        company,
        (long) limit);
  }

  /** Purchase and sales orders still moving whose pick-up or delivery falls today or tomorrow. */
  private Future<Section> loads() {
    LocalDate tomorrow = today.plusDays(1);
    String when =
        " AND o.status NOT IN ('delivered', 'cancelled')"
            + " AND ((o.pick_up_date >= $2 AND o.pick_up_date <= $3) OR (o.delivery_date >= $2 AND o.delivery_date <= $3))";
    String purchases =
        " FROM purchase_orders o JOIN suppliers p ON p.id = o.supplier_id WHERE o.company_id = $1"
            + when;
    String sales =
        " FROM sales_orders o JOIN customers p ON p.id = o.customer_id WHERE o.company_id = $1"
            + when;
    String columns =
        "SELECT o.id, o.order_number AS label, p.name AS party, o.pick_up_date, o.delivery_date";
    // Each kind's first rows are enough to pick the first of both.
    String order =
        " ORDER BY CASE WHEN o.pick_up_date >= $2 AND o.pick_up_date <= $3 THEN o.pick_up_date ELSE o.delivery_date END,"
            + " o.id LIMIT $4";
    Future<Long> count =
        sql.count(
            "SELECT (SELECT count(*)" + purchases + ") + (SELECT count(*)" + sales + ")",
            company,
            today,
            tomorrow);
    Future<List<JsonObject>> po =
        rows(
            columns + purchases + order,
            row -> load("purchase-orders", row),
            company,
            today,
            tomorrow,
            (long) limit);
    Future<List<JsonObject>> so =
        rows(
            columns + sales + order,
            row -> load("sales-orders", row),
            company,
            today,
            tomorrow,
            (long) limit);
    return Future.all(count, po, so)
        .map(
            done -> {
              List<JsonObject> both = new ArrayList<>(po.result());
              both.addAll(so.result());
              both.sort(
                  Comparator.comparing((JsonObject o) -> o.getString("date"))
                      .thenComparing(o -> o.getString("resource"))
                      .thenComparing(o -> o.getLong("id")));
              return new Section(
                  "loads_today_and_tomorrow",
                  "Loads picking up or delivering today and tomorrow",
                  count.result(),
                  new JsonArray(new ArrayList<>(both.subList(0, Math.min(limit, both.size())))));
            });
  }

  private JsonObject load(String resource, Row row) {
    LocalDate pickUp = Rows.date(row, "pick_up_date");
    LocalDate delivery = Rows.date(row, "delivery_date");
    List<String> why = new ArrayList<>();
    LocalDate first = null;
    if (pickUp != null && !pickUp.isBefore(today) && !pickUp.isAfter(today.plusDays(1))) {
      why.add("picks up " + relative(pickUp));
      first = pickUp;
    }
    if (delivery != null && !delivery.isBefore(today) && !delivery.isAfter(today.plusDays(1))) {
      why.add("delivers " + relative(delivery));
      first = first == null ? delivery : first;
    }
    return item(resource, row, capitalized(String.join(", ", why))).put("date", first.toString());
  }

  /** Calls not done whose time has come: any time today (UTC) or earlier. */
  private Future<Section> calls() {
    Instant startOfToday = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant startOfTomorrow = startOfToday.plus(1, ChronoUnit.DAYS);
    String where =
        " FROM scheduled_calls c LEFT JOIN suppliers s ON s.id = c.supplier_id"
            + " LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN carriers ca ON ca.id = c.carrier_id"
            + " WHERE c.company_id = $1 AND c.done = $2 AND c.scheduled_at < $3";
    return section(
        "calls_due",
        "Calls due today or overdue",
        "SELECT count(*)" + where,
        "SELECT c.id, c.title AS label, coalesce(s.name, cu.name, ca.name) AS party, c.scheduled_at, c.assignee"
            + where
            + " ORDER BY c.scheduled_at, c.id LIMIT $4",
        row -> {
          Instant at = Rows.instant(row, "scheduled_at");
          String reason =
              at.isBefore(startOfToday)
                  ? "Overdue: was due "
                      + at.atOffset(ZoneOffset.UTC).toLocalDate()
                      + " at "
                      + HOUR.format(at)
                      + " UTC"
                  : "Due today at " + HOUR.format(at) + " UTC";
          return item("scheduled-calls", row, reason)
              .put("date", at.truncatedTo(ChronoUnit.SECONDS).toString())
              .put("assignee", row.getString("assignee"));
        },
        company,
        false,
        startOfTomorrow,
        (long) limit);
  }

  /** Billed invoices with money outstanding that are overdue or fall due within the week. */
  private Future<Section> invoices() {
    LocalDate weekEnd = today.plusDays(WEEK_DAYS - 1);
    String where =
        " FROM invoices i JOIN customers c ON c.id = i.customer_id"
            + " WHERE i.company_id = $1 AND i.outstanding_amount > 0"
            + " AND (i.status = 'overdue' OR (i.status = 'sent' AND i.due_date <= $2))";
    return section(
        "invoices_due",
        "Invoices overdue or due this week",
        "SELECT count(*)" + where,
        "SELECT i.id, i.invoice_number AS label, c.name AS party, i.due_date, i.status, i.outstanding_amount"
            + where
            + " ORDER BY (i.due_date IS NULL), i.due_date, i.id LIMIT $3",
        row -> {
          LocalDate due = Rows.date(row, "due_date");
          String reason;
          if (due == null) {
            reason = "Overdue";
          } else if (due.isBefore(today)) {
            long late = ChronoUnit.DAYS.between(due, today);
            reason =
                "Overdue: was due " + due + " (" + late + (late == 1 ? " day" : " days") + " ago)";
          } else {
            reason = "Due " + relative(due);
          }
          return item("invoices", row, reason)
              .put("date", due == null ? null : due.toString())
              .put("status", row.getString("status"))
              .put("amount", money(row, "outstanding_amount"));
        },
        company,
        weekEnd,
        (long) limit);
  }

  /**
   * Sales orders still open that no purchase order fills yet (the dashboard's "loads not matched").
   */
  private Future<Section> unmatched() {
    String where =
        " FROM sales_orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.company_id = $1 AND o.purchase_order_id IS NULL AND o.status NOT IN ('delivered', 'cancelled')";
    return section(
        "loads_not_matched",
        "Loads not matched",
        "SELECT count(*)" + where,
        "SELECT o.id, o.order_number AS label, c.name AS party, o.pick_up_date"
            + where
            + " ORDER BY (o.pick_up_date IS NULL), o.pick_up_date, o.id LIMIT $2",
        row -> {
          LocalDate pickUp = Rows.date(row, "pick_up_date");
          return item(
                  "sales-orders",
                  row,
                  "No purchase order matched"
                      + (pickUp == null ? "" : "; picks up " + relative(pickUp)))
              .put("date", pickUp == null ? null : pickUp.toString());
        },
        company,
        (long) limit);
  }

  // ---- pieces ------------------------------------------------------------------------------

  /** The count takes the arguments of the rows but the last (the limit). */
  private Future<Section> section(
      String key,
      String title,
      String count,
      String select,
      java.util.function.Function<Row, JsonObject> item,
      Object... args) {
    Future<Long> n = sql.count(count, java.util.Arrays.copyOf(args, args.length - 1));
    Future<List<JsonObject>> items = rows(select, item, args);
    return Future.all(n, items)
        .map(
            done ->
                new Section(
                    key, title, n.result(), new JsonArray(new ArrayList<>(items.result()))));
  }

  private Future<List<JsonObject>> rows(
      String select, java.util.function.Function<Row, JsonObject> item, Object... args) {
    return sql.query(select, args)
        .map(
            set -> {
              List<JsonObject> out = new ArrayList<>();
              set.forEach(row -> out.add(item.apply(row)));
              return out;
            });
  }

  private static JsonObject item(String resource, Row row, String reason) {
    return new JsonObject()
        .put("resource", resource)
        .put("id", row.getLong("id"))
        .put("label", row.getString("label"))
        .put("party", row.getString("party"))
        .put("reason", reason);
  }

  private String relative(LocalDate day) {
    if (day.equals(today)) {
      return "today";
    }
    if (day.equals(today.plusDays(1))) {
      return "tomorrow";
    }
    if (day.isBefore(today)) {
      return "on " + day;
    }
    String weekday =
        day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
    return "on " + weekday + " " + day;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String dateOf(Row row, String column) {
    LocalDate d = Rows.date(row, column);
    return d == null ? null : d.toString();
  }

  private static String money(Row row, String column) {
    Long cents = Rows.longValue(row, column);
    return cents == null ? null : BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
