package com.projectmeats.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Says, every {@code interval} while one migration runs, that it is still running and what it is
 * doing, so that an operator watching a deploy's {@code migrate} step can tell a long table rewrite
 * from a hang. On PostgreSQL it reads the migrating session's state on a connection of its own: a
 * lock wait names the sessions that hold the lock (an old replica's open transaction is the usual
 * one), and an index build says how many blocks or rows it has done.
 */
final class MigrationProgress extends BaseCallback implements AutoCloseable {

  private static final String STATE =
      """
      SELECT a.wait_event_type, a.wait_event, pg_blocking_pids(a.pid) AS blockers,
             p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total,
             p.index_relid::regclass::text AS index_name
        FROM pg_stat_activity a
        LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid
       WHERE a.pid = ?""";

  private static final String BLOCKERS =
      """
      SELECT pid, coalesce(nullif(application_name, ''), usename, '?') AS who, state,
             extract(epoch FROM now() - xact_start)::bigint AS transaction_seconds
        FROM pg_stat_activity
       WHERE pid = ANY (?)
       ORDER BY pid""";

  /** The migration under way; {@code reported} once a line said it is running. */
  private record Running(String name, long startNanos, Integer pid, AtomicBoolean reported) {}

  private final DataSource postgres;
  private final Duration interval;
  private final Consumer<String> report;
  private final ScheduledExecutorService ticker;
  private volatile Running running;
  private Connection observer;

  /**
   * @param postgres where to read the migrating session's state from; null for SQLite, whose one
   *     writer has no such view, so only the time is reported
   */
  MigrationProgress(DataSource postgres, Duration interval, Consumer<String> report) {
    this.postgres = postgres;
    this.interval = interval;
    this.report = report;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "migration-progress");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    ticker.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_EACH_MIGRATE
        || event == Event.AFTER_EACH_MIGRATE
        || event == Event.AFTER_EACH_MIGRATE_ERROR;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    if (event == Event.BEFORE_EACH_MIGRATE) {
      running =
          new Running(
              name(context.getMigrationInfo()),
              System.nanoTime(),
              pid(context),
              new AtomicBoolean());
      return;
    }
    Running done = running;
    running = null;
    // A migration that said it was running also says when it is done.
    if (done != null && event == Event.AFTER_EACH_MIGRATE && done.reported().get()) {
      report.accept(done.name() + " finished after " + elapsed(done).toSeconds() + " s");
    }
  }

  @Override
  public String getCallbackName() {
    return "migration-progress";
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeObserver();
  }

  private void tick() {
    Running now = running;
    if (now == null || elapsed(now).compareTo(interval) < 0) {
      return;
    }
    String line = now.name() + " has run for " + elapsed(now).toSeconds() + " s";
    if (postgres != null && now.pid() != null) {
      line += "; " + describe(now.pid());
    }
    // A migration may finish while its state is read: a line about a finished one would mislead.
    if (running == now) {
      now.reported().set(true);
      report.accept(line);
    }
  }

  private String describe(int pid) {
    try {
      if (observer == null || observer.isClosed()) {
        observer = postgres.getConnection();
        observer.setAutoCommit(true);
      }
      return state(observer, pid);
    } catch (SQLException e) {
      closeObserver();
      return "its state could not be read (" + e.getMessage() + ")";
    }
  }

  private static String state(Connection connection, int pid) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(STATE)) {
      statement.setInt(1, pid);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return "its session " + pid + " is gone";
        }
        Integer[] blockers = (Integer[]) row.getArray("blockers").getArray();
        if (blockers.length > 0) {
          return "it waits for a lock held by " + blockers(connection, blockers);
        }
        String phase = row.getString("phase");
        if (phase != null) {
          return "building index "
              + row.getString("index_name")
              + ": "
              + phase
              + done(row, "blocks")
              + done(row, "tuples");
        }
        String waitType = row.getString("wait_event_type");
        return waitType == null
            ? "it is working"
            : "it waits on " + waitType + " (" + row.getString("wait_event") + ")";
      }
    }
  }

  private static String done(ResultSet row, String unit) throws SQLException {
    long total = row.getLong(unit + "_total");
    if (total <= 0) {
      return "";
    }
    long done = row.getLong(unit + "_done");
    return ", " + done + " of " + total + " " + unit + " (" + (100 * done / total) + " %)";
  }

  private static String blockers(Connection connection, Integer[] pids) throws SQLException {
    List<String> sessions = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(BLOCKERS)) {
      statement.setArray(1, connection.createArrayOf("int4", pids));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          String session = "pid " + row.getInt("pid") + " (" + row.getString("who");
          if (row.getString("state") != null) {
            session += ", " + row.getString("state");
          }
          long open = row.getLong("transaction_seconds");
          if (!row.wasNull()) {
            session += ", its transaction open for " + open + " s";
          }
          sessions.add(session + ")");
        }
      }
    }
    // The holders may have ended between the two reads: name them by pid.
    return sessions.isEmpty() ? "pid " + Arrays.toString(pids) : String.join(", ", sessions);
  }

  private static String name(MigrationInfo migration) {
    return migration.getVersion() == null
        ? "Migration " + migration.getDescription()
        : "Migration to version "
            + migration.getVersion()
            + " ("
            + migration.getDescription()
            + ")";
  }

  private Integer pid(Context context) {
    if (postgres == null) {
      return null;
    }
    try (PreparedStatement statement =
            context.getConnection().prepareStatement("SELECT pg_backend_pid()");
        ResultSet row = statement.executeQuery()) {
      return row.next() ? row.getInt(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static Duration elapsed(Running migration) {
    return Duration.ofNanos(System.nanoTime() - migration.startNanos());
  }

  private void closeObserver() {
    if (observer != null) {
      try {
        observer.close();
      } catch (SQLException ignored) {
        // The connection is being dropped either way.
      }
      observer = null;
    }
  }
}
