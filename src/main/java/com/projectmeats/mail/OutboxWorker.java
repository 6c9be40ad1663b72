package com.projectmeats.mail;

import com.projectmeats.core.config.MailSettings;
import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, on whichever replica claims it first. A sweep (after each new
 * message, and every few seconds) claims due messages up to this replica's capacity, sends each in
 * one SMTP conversation and records the outcome: {@code sent}, another attempt later (4xx, a
 * dropped or silent connection; the wait doubles each time), or {@code failed} with the server's
 * reply (5xx, or out of attempts).
 */
final class OutboxWorker {
  static final int CAPACITY = 4;

  /** The longest wait between two attempts, however many failed before. */
  static final Duration MAX_BACKOFF = Duration.ofHours(6);

  /**
   * Writing down an acceptance is retried this often, a second apart, before the claim is left to
   * run out.
   */
  static final int ACCEPTANCE_WRITES = 20;

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

  /**
   * Told of every final outcome in the transaction that records it (a document send notes it on its
   * record).
   */
  interface Outcomes {
    Future<Void> recorded(Sql sql, Outbox.Queued message, String status, String reply);
  }

  private final Vertx vertx;
  private final Database db;
  private final Outbox outbox;
  private final Smtp smtp;
  private final MailSettings settings;
  private final Outcomes outcomes;
  private final AtomicInteger running = new AtomicInteger();

  OutboxWorker(
      Vertx vertx,
      Database db,
      Outbox outbox,
      Smtp smtp,
      MailSettings settings,
      Outcomes outcomes) {
    this.vertx = vertx;
    this.db = db;
    this.outbox = outbox;
    this.smtp = smtp;
    this.settings = settings;
    this.outcomes = outcomes;
  }

  void start() {
    // As often as the first retry is due (tests make it short), at most every 5 s.
    long every = Math.max(100, Math.min(5_000, settings.firstRetry().toMillis()));
    vertx.setPeriodic(500, every, t -> sweep());
  }

  /**
   * Held longer than an attempt may last plus the time to write its outcome down, so that no other
   * replica takes a message while this one is still talking to the server about it.
   */
  Duration lease() {
    return settings.attemptTimeout().multipliedBy(2).plusSeconds(ACCEPTANCE_WRITES + 30);
  }

  /** Looks for work now; failures (a database that is not ready yet) wait for the next sweep. */
  void sweep() {
    int free = CAPACITY - running.get();
    if (free <= 0) {
      return;
    }
    outbox
        .due(free)
        .onSuccess(ids -> ids.forEach(this::tryClaim))
        .onFailure(e -> log.debug("Outbox sweep skipped: {}", e.getMessage()));
  }

  private void tryClaim(long id) {
    if (running.incrementAndGet() > CAPACITY) {
      running.decrementAndGet();
      return;
    }
    outbox
        .claim(id, lease())
        .compose(mine -> mine ? deliver(id).map(true) : Future.succeededFuture(false))
        .onComplete(
            done -> {
              running.decrementAndGet();
              if (done.failed()) {
                log.warn(
                    "Outbox message {}: outcome not recorded ({}); it is tried again when its claim runs out",
                    id,
                    done.cause().toString());
              } else if (done.result()) {
                sweep();
              }
            });
  }

  private Future<Void> deliver(long id) {
    return outbox
        .load(id)
        .compose(message -> smtp.send(message).compose(outcome -> record(message, outcome)));
  }

  private Future<Void> record(Outbox.Queued message, Smtp.Outcome outcome) {
    return switch (outcome.kind()) {
      case ACCEPTED -> {
        log.info(
            "Outbox message {} accepted by the SMTP server (attempt {})",
            message.id(),
            message.attempts());
        yield recordAcceptance(message, outcome.reply(), ACCEPTANCE_WRITES);
      }
      case PERMANENT -> finish(message, "failed", outcome.reply());
      case TRANSIENT -> {
        if (message.attempts() >= settings.maxAttempts()) {
          yield finish(message, "failed", outcome.reply());
        }
        Instant next = Instant.now().plus(backoff(message.attempts()));
        log.info(
            "Outbox message {}: attempt {} failed ({}); next at {}",
            message.id(),
            message.attempts(),
            outcome.reply(),
            next);
        yield db.inTransaction(sql -> outbox.retry(sql, message, outcome.reply(), next)).mapEmpty();
      }
    };
  }

  /** The first retry's delay, doubled for each further failure, capped. */
  Duration backoff(int attemptsSoFar) {
    long factor = 1L << Math.min(20, Math.max(0, attemptsSoFar - 1));
    Duration wait = settings.firstRetry().multipliedBy(factor);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  private Future<Void> finish(Outbox.Queued message, String status, String reply) {
    log.warn(
        "Outbox message {} failed after {} attempt(s): {}",
        message.id(),
        message.attempts(),
        reply);
    return db.inTransaction(
        sql ->
            outbox
                .failed(sql, message, reply)
                .compose(
                    mine ->
                        mine
                            ? outcomes.recorded(sql, message, status, reply)
                            : Future.succeededFuture()));
  }

  /**
   * The server has the message: writing that down is what keeps it from going out again, so a
   * database hiccup here is waited out rather than left to the claim's expiry (which would send it
   * a second time).
   */
  private Future<Void> recordAcceptance(Outbox.Queued message, String reply, int triesLeft) {
    return db.inTransaction(
            sql ->
                outbox
                    .sent(sql, message, reply)
                    .compose(
                        mine ->
                            mine
                                ? outcomes.recorded(sql, message, "sent", reply)
                                : Future.succeededFuture()))
        .recover(
            failure ->
                triesLeft <= 1
                    ? Future.failedFuture(failure)
                    : vertx
                        .timer(1000)
                        .compose(t -> recordAcceptance(message, reply, triesLeft - 1)));
  }
}
