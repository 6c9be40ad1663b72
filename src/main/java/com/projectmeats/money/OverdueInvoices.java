package com.projectmeats.money;

import com.projectmeats.core.crud.Workflow;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sent invoices past their due date become overdue by themselves: once at start (which catches up a
 * day no replica was running for) and then each day just after midnight UTC. It is the invoice's
 * {@code mark_overdue} action done by the service: the same statuses, a new version, and a history
 * entry whose actor is "system".
 *
 * <p>Safe with several replicas and idempotent: each company's invoices change in one transaction
 * that also inserts the company's row for the day in {@code daily_job_runs}; a replica that finds
 * the row (or waits for the one inserting it to commit) skips the company, and the status condition
 * keeps an invoice from being marked twice however the runs interleave.
 */
public final class OverdueInvoices {
  static final String JOB = "invoices_overdue";
  static final String SYSTEM = "system";

  /** History rows per INSERT: 7 parameters each stays far below either datastore's limit. */
  private static final int HISTORY_BATCH = 100;

  private static final Duration AFTER_MIDNIGHT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(OverdueInvoices.class);

  private final Vertx vertx;
  private final Database db;
  private final Clock clock;
  private final Workflow.Transition markOverdue =
      Invoices.WORKFLOW.transition("mark_overdue").orElseThrow();

  /**
   * Names this process in {@code daily_job_runs}, so an operator can tell which replica ran a day.
   */
  private final String instance = UUID.randomUUID().toString();

  private volatile long timer = -1;
  private volatile boolean stopped;

  public OverdueInvoices(Vertx vertx, Database db) {
    this(vertx, db, Clock.systemUTC());
  }

  OverdueInvoices(Vertx vertx, Database db, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.clock = clock;
  }

  /** Runs for today now, then each day after midnight UTC. Call once the schema is current. */
  public Future<Integer> start() {
    Future<Integer> first = runLogged();
    first.onComplete(done -> scheduleNext());
    return first;
  }

  public void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void scheduleNext() {
    if (stopped) {
      return;
    }
    Instant now = clock.instant();
    Instant next =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plus(AFTER_MIDNIGHT);
    timer =
        vertx.setTimer(
            Math.max(1, Duration.between(now, next).toMillis()),
            id -> runLogged().onComplete(done -> scheduleNext()));
  }

  private Future<Integer> runLogged() {
    LocalDate today = LocalDate.now(clock);
    return runFor(today)
        .onSuccess(
            n -> {
              if (n > 0) {
                log.info("Marked {} invoice(s) overdue for {}", n, today);
              }
            })
        .onFailure(
            e ->
                log.warn(
                    "Marking invoices overdue for {} failed; the next run tries again: {}",
                    today,
                    e.toString()));
  }

  /**
   * Marks sent invoices due before {@code day} overdue, company by company, skipping companies
   * another run already did for that day. Answers how many invoices this call marked.
   */
  public Future<Integer> runFor(LocalDate day) {
    return db.sql()
        .query(
            "SELECT DISTINCT company_id FROM invoices WHERE status IN ("
                + fromStatuses()
                + ") AND due_date < $1 ORDER BY company_id",
            day)
        .compose(
            rows -> {
              List<Long> companies = new ArrayList<>();
              rows.forEach(r -> companies.add(r.getLong(0)));
              Future<Integer> chain = Future.succeededFuture(0);
              for (long company : companies) {
                chain =
                    chain.compose(
                        sum ->
                            db.inTransaction(sql -> runFor(sql, company, day)).map(n -> sum + n));
              }
              return chain;
            });
  }

  private Future<Integer> runFor(Sql sql, long company, LocalDate day) {
    Instant now = clock.instant();
    return sql.update(
            "INSERT INTO daily_job_runs (job, day, company_id, instance, records, ran_at) VALUES ($1, $2, $3, $4, 0, $5)"
                + " ON CONFLICT DO NOTHING",
            JOB,
            day,
            company,
            instance,
            now)
        .compose(
            claimed ->
                claimed == 0
                    ? Future.succeededFuture(0)
                    : sql.query(
                            "UPDATE invoices SET status = $1, modified_on = $2, version = version + 1"
                                + " WHERE company_id = $3 AND status IN ("
                                + fromStatuses()
                                + ") AND due_date < $4 RETURNING id",
                            markOverdue.to(),
                            now,
                            company,
                            day)
                        .compose(
                            updated -> {
                              List<Long> ids = new ArrayList<>();
                              for (Row row : updated) {
                                ids.add(row.getLong("id"));
                              }
                              return writeHistory(sql, company, ids, now)
                                  .compose(
                                      v ->
                                          sql.update(
                                              "UPDATE daily_job_runs SET records = $1 WHERE job = $2 AND day = $3 AND company_id = $4",
                                              ids.size(),
                                              JOB,
                                              day,
                                              company))
                                  .map(ids.size());
                            }));
  }

  /** The same entry the action writes (its name, the status's old and new value), by the system. */
  private Future<Void> writeHistory(Sql sql, long company, List<Long> ids, Instant at) {
    // Every invoice this run changed was in one of the "from" statuses; with one, the old value is
    // known.
    String old = markOverdue.from().size() == 1 ? markOverdue.from().iterator().next() : null;
    String changes =
        new JsonObject()
            .put(
                Invoices.WORKFLOW.field(),
                new JsonObject().put("old", old).put("new", markOverdue.to()))
            .encode();
    Future<Void> chain = Future.succeededFuture();
    for (int start = 0; start < ids.size(); start += HISTORY_BATCH) {
      List<Long> batch = ids.subList(start, Math.min(ids.size(), start + HISTORY_BATCH));
      chain =
          chain.compose(
              v -> {
                StringBuilder values = new StringBuilder();
                List<Object> args = new ArrayList<>();
                for (long id : batch) {
                  int p = args.size();
                  values
                      .append(values.isEmpty() ? "" : ", ")
                      .append("($")
                      .append(p + 1)
                      .append(", $")
                      .append(p + 2)
                      .append(", $")
                      .append(p + 3)
                      .append(", $")
                      .append(p + 4)
                      .append(", $")
                      .append(p + 5)
                      .append(", $")
                      .append(p + 6)
                      .append(", $")
                      .append(p + 7)
                      .append(")");
                  args.addAll(
                      List.of(
                          company,
                          Invoices.RESOURCE.name(),
                          id,
                          markOverdue.action(),
                          changes,
                          at,
                          SYSTEM));
                }
                return sql.update(
                        "INSERT INTO record_history (company_id, resource, record_id, action, changes, at, actor) VALUES "
                            + values,
                        args.toArray())
                    .mapEmpty();
              });
    }
    return chain;
  }

  private String fromStatuses() {
    return String.join(", ", markOverdue.from().stream().sorted().map(s -> "'" + s + "'").toList());
  }
}
