package com.projectmeats.core.db;

import com.projectmeats.core.error.ApiException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link DatabaseTimeout} tells the client (503 {@code database_timeout}: retry later) and
 * the operator (a WARN at most every ten seconds). The same timeout has two usual causes, a slow or
 * locked database and a replica too busy to read the answers in time; the log line carries the
 * evidence that tells them apart, so nobody chases a database outage that is not there.
 */
final class TimeoutAnswer {
  private static final Logger log = LoggerFactory.getLogger(TimeoutAnswer.class);

  /**
   * A timer that fires this much late means the event loop was busy elsewhere for as long: the
   * answer may well have been waiting on this replica's socket.
   */
  private static final long LATE_MILLIS = 100;

  private static final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10));

  private TimeoutAnswer() {}

  static ApiException of(DatabaseTimeout timeout) {
    warn(timeout);
    String detail =
        timeout.wait == DatabaseTimeout.Wait.CONNECTION
            ? "No database connection became free within " + timeout.limitMillis + " ms"
            : "The database did not answer within " + timeout.limitMillis + " ms";
    return ApiException.unavailable("database_timeout", detail + "; try again shortly.");
  }

  private static void warn(DatabaseTimeout timeout) {
    if (!throttle.allow()) {
      return;
    }
    log.warn(
        "{} (503 database_timeout); this replica's event loop ran the timer {} ms late, with {}"
            + " statements in flight: {}. {} more such timeouts since the last line. See"
            + " docs/deploying.md",
        what(timeout),
        timeout.lateMillis,
        timeout.statementsInFlight,
        verdict(timeout),
        throttle.heldBack());
  }

  private static String verdict(DatabaseTimeout timeout) {
    if (timeout.lateMillis >= LATE_MILLIS) {
      return "likely this replica is overloaded (CPU), not the database";
    }
    if (timeout.wait == DatabaseTimeout.Wait.WRITE_LOCK) {
      return "another process holds a write transaction on the SQLite file (the migrate, create-user"
          + " or seed-demo command, a backup, sqlite3): find it with fuser or lsof on the file";
    }
    return timeout.wait == DatabaseTimeout.Wait.CONNECTION
        ? "the pool's connections were held by transactions that took long (a slow database or a"
            + " lock, see pg_stat_activity), or DB_POOL_SIZE is small for the load"
        : "likely the database is slow or waits on a lock (pg_stat_activity)";
  }

  private static String what(DatabaseTimeout timeout) {
    return switch (timeout.wait) {
      case STATEMENT ->
          "A statement got no answer within DB_QUERY_TIMEOUT_MS (" + timeout.limitMillis + " ms)";
      case TRANSACTION ->
          "A transaction was not done within DB_QUERY_TIMEOUT_MS (" + timeout.limitMillis + " ms)";
      case WRITE_LOCK ->
          "A write waited DB_QUERY_TIMEOUT_MS ("
              + timeout.limitMillis
              + " ms) for the SQLite file's write lock and did not get it";
      case CONNECTION ->
          "A transaction waited "
              + timeout.limitMillis
              + " ms for a pooled connection (DB_POOL_SIZE) and got none";
    };
  }
}
