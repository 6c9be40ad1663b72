package com.projectmeats.core.db;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code DB_QUERY_TIMEOUT_MS} ran out on one of this class's own timers, so the cause is known by
 * where it fired, not guessed from a driver's message: what was waited for, and what this replica
 * looked like at that moment.
 */
final class DatabaseTimeout extends RuntimeException {
  /** What the timer bounded. */
  enum Wait {
    /** One statement, from sending it to its answer (a pipelined connection's slot included). */
    STATEMENT,
    /** A connection of the transactions' pool, before BEGIN. */
    CONNECTION,
    /** A transaction that had its connection: BEGIN to COMMIT. */
    TRANSACTION,
    /**
     * SQLite's write lock, which another process (the migrate command, a backup, sqlite3) held: a
     * transaction's BEGIN IMMEDIATE, or a write outside a transaction, that SQLite's busy timeout
     * (the query timeout) gave up on.
     */
    WRITE_LOCK
  }

  /** Statements sent and not yet answered, in this process: a replica's own backlog. */
  private static final AtomicInteger inFlight = new AtomicInteger();

  final Wait wait;
  final long limitMillis;

  /** How much later than the limit the timer ran: the event loop's lag at that moment. */
  final long lateMillis;

  final int statementsInFlight;

  private DatabaseTimeout(Wait wait, long limitMillis, long elapsedNanos) {
    super(wait + " took over " + limitMillis + " ms", null, false, false);
    this.wait = wait;
    this.limitMillis = limitMillis;
    this.lateMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(elapsedNanos) - limitMillis);
    this.statementsInFlight = inFlight.get();
  }

  /**
   * {@code work}, failed with a DatabaseTimeout if it is not done within {@code limit} of {@code
   * startNanos}; its own failures pass unchanged, except SQLite's "database is locked" (its busy
   * timeout, which is the query timeout, ran out first), which is a timeout on its write lock.
   */
  static <T> Future<T> bound(Future<T> work, long startNanos, Duration limit, Wait wait) {
    long limitMillis = limit.toMillis();
    long left = limitMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    return work.timeout(Math.max(1, left), TimeUnit.MILLISECONDS)
        .recover(
            failure -> {
              if (failure != work.cause()) {
                return Future.failedFuture(
                    new DatabaseTimeout(wait, limitMillis, System.nanoTime() - startNanos));
              }
              if (sqliteBusy(failure)) {
                return Future.failedFuture(
                    new DatabaseTimeout(
                        Wait.WRITE_LOCK, limitMillis, System.nanoTime() - startNanos));
              }
              return Future.failedFuture(failure);
            });
  }

  /** SQLite's SQLITE_BUSY (or a subcode of it): another connection holds the lock it needs. */
  static boolean sqliteBusy(Throwable failure) {
    return failure instanceof org.sqlite.SQLiteException sqlite
        && (sqlite.getResultCode().code & 0xff) == org.sqlite.SQLiteErrorCode.SQLITE_BUSY.code;
  }

  /** Counts {@code statement} as in flight until it is answered. */
  static <T> Future<T> track(Future<T> statement) {
    inFlight.incrementAndGet();
    return statement.andThen(done -> inFlight.decrementAndGet());
  }
}
