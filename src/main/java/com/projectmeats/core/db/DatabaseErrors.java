package com.projectmeats.core.db;

import com.projectmeats.core.error.ApiException;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns driver failures of either datastore into the API's vocabulary. */
public final class DatabaseErrors {
  private static final Logger log = LoggerFactory.getLogger(DatabaseErrors.class);

  /** PostgreSQL refused a new connection: the server's, or the role's, connection limit is met. */
  private static final String TOO_MANY_CONNECTIONS = "53300";

  private static final LogThrottle refusals = new LogThrottle(Duration.ofSeconds(10));
  private static final LogThrottle losses = new LogThrottle(Duration.ofSeconds(10));

  private DatabaseErrors() {}

  /**
   * The client gets a 503 as for any database it cannot reach; the operator needs to know it is a
   * connection budget, not an outage, and which setting sizes it. Said at most every ten seconds,
   * so that a burst of refusals does not flood the log.
   */
  private static void tooManyConnections(PgException pg) {
    if (refusals.allow()) {
      log.warn(
          "PostgreSQL refused a new connection ({}): its connection limit is reached. Each replica"
              + " opens up to 3 x DB_POOL_SIZE + 1 connections; see docs/deploying.md",
          pg.getErrorMessage());
    }
  }

  static <T> Future<T> translate(Throwable failure) {
    return Future.failedFuture(map(failure));
  }

  static Throwable map(Throwable failure) {
    if (failure instanceof ApiException) {
      return failure;
    }
    if (failure instanceof DatabaseTimeout timeout) {
      return TimeoutAnswer.of(timeout);
    }
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      if ("23505".equals(state)) {
        return new UniqueViolation(pg.getConstraint(), pg.getMessage());
      }
      if ("23503".equals(state)) {
        return new ForeignKeyViolation(pg.getConstraint(), pg.getMessage());
      }
      if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
        return unavailable(pg);
      }
      if (TOO_MANY_CONNECTIONS.equals(state)) {
        tooManyConnections(pg);
        return unavailable(null);
      }
      return failure;
    }
    if (failure instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
        return new UniqueViolation(constraintOf(sqlite.getMessage()), sqlite.getMessage());
      }
      if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
        return new ForeignKeyViolation(null, sqlite.getMessage());
      }
      if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED) {
        return unavailable(sqlite);
      }
      return failure;
    }
    if (failure instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
      return busy();
    }
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    // A server killed under a running statement: the socket is reset, or the client sees the
    // connection end (a write to it fails with a bare IOException "Connection reset by peer", a
    // read with a SocketException). The statement and transaction timeouts arrive as
    // DatabaseTimeout above; a timeout still reaching here came from no timer of ours (the pools'
    // own waits end after those), so what it waited for is unknown.
    if (failure instanceof TimeoutException
        || failure instanceof java.io.IOException
        || failure instanceof io.vertx.sqlclient.ClosedConnectionException
        || failure instanceof io.vertx.core.VertxException
            && (message.contains("closed") || message.contains("timeout"))) {
      return unavailable(failure);
    }
    if (failure instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("08")) {
      return unavailable(failure);
    }
    return failure;
  }

  /**
   * Every pooled connection is busy and as many requests already wait for one: the database is
   * answering, this replica is taking more than it can pass on. Said as such, so that nobody chases
   * a database outage that is not there, and with a short Retry-After.
   */
  private static ApiException busy() {
    return new ApiException(
        503,
        "server_busy",
        "Service unavailable",
        "The service is taking more requests than it can answer right now; try again in a moment.",
        null,
        java.util.Map.of("Retry-After", "1"));
  }

  /**
   * The connection failed or was refused. {@code cause}, when given, is logged (at most every ten
   * seconds) by its type and the driver's message, which for these failures names no data: a 503
   * that came at once, before any timeout, otherwise leaves no trace of why.
   */
  private static ApiException unavailable(Throwable cause) {
    if (cause != null && losses.allow()) {
      log.warn(
          "Answered 503 database_unavailable: the database connection failed or was refused ({})",
          cause instanceof PgException pg
              ? "SQLSTATE " + pg.getSqlState() + ": " + pg.getErrorMessage()
              : cause.getClass().getName() + ": " + cause.getMessage());
    }
    return ApiException.unavailable(
        "database_unavailable", "The database is not answering; try again shortly.");
  }

  /**
   * SQLite names the columns, not the index: "UNIQUE constraint failed: purchase_orders.company_id,
   * purchase_orders.order_number".
   */
  private static String constraintOf(String message) {
    int i = message == null ? -1 : message.indexOf("failed: ");
    return i < 0 ? null : message.substring(i + "failed: ".length()).replaceAll("\\)$", "");
  }

  /**
   * A unique constraint refused a row; {@code constraint} names the index (PostgreSQL) or the
   * columns (SQLite).
   */
  public static final class UniqueViolation extends RuntimeException {
    private final String constraint;

    UniqueViolation(String constraint, String message) {
      super(message, null, false, false);
      this.constraint = constraint;
    }

    public String constraint() {
      return constraint == null ? "" : constraint;
    }
  }

  public static final class ForeignKeyViolation extends RuntimeException {
    private final String constraint;

    ForeignKeyViolation(String constraint, String message) {
      super(message, null, false, false);
      this.constraint = constraint;
    }

    public String constraint() {
      return constraint == null ? "" : constraint;
    }
  }
}
