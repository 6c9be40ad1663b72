package com.projectmeats.core.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.postgresql.PGConnection;

/**
 * Says, every {@code interval} while one migration runs, that it is still running and what it is
 * doing, so that an operator watching a deploy's {@code migrate} step can tell a long table rewrite
 * from a hang. On PostgreSQL it reads the migrating session's state on a connection of its own: a
 * lock wait names the sessions that hold the lock (an old replica's open transaction is the usual
 * one), and an index build says how many blocks or rows it has done.
 *
 * <p>Before each migration (and before it creates its history table) Flyway takes its own lock, so
 * that two {@code migrate}s never apply the same migration; while another one (another replica's
 * start, a deploy's migrate step) holds it, this one waits without a word from Flyway. So, between
 * migrations, it also says every {@code interval} that it waits for that lock and names the session
 * holding it. SQLite has no such lock: its one writer waits inside SQLite's busy timeout instead.
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

  /**
   * The sessions that hold Flyway's lock on the history table, other than this migrate's own. The
   * lock is PostgreSQL's advisory lock on one 64-bit key, which pg_locks shows as classid (its high
   * half), objid (its low half) and objsubid 1; advisory locks belong to one database.
   */
  private static final String LOCK_HOLDERS =
      """
      SELECT l.pid, coalesce(nullif(a.application_name, ''), a.usename, '?') AS who,
             host(a.client_addr) AS client, a.state,
             extract(epoch FROM now() - a.xact_start)::bigint AS transaction_seconds,
             extract(epoch FROM now() - a.backend_start)::bigint AS session_seconds
        FROM pg_locks l
        LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND ((l.classid::bigint << 32) | l.objid::bigint) = ?
         AND l.pid <> ALL (?)
       ORDER BY l.pid""";

  /**
   * Flyway 13's key for its PostgreSQL advisory lock (PostgreSQLAdvisoryLockTemplate): this number
   * plus the hash of the quoted history table's name.
   */
  private static final long FLYWAY_LOCK_BASE = 77431708279161L;

  /** The migration under way; {@code reported} once a line said it is running. */
  private record Running(String name, long startNanos, Integer pid, AtomicBoolean reported) {}

  /**
   * The time between migrations (and before the first), when Flyway may wait for its lock; {@code
   * reported} once a line said it waits.
   */
  private record Between(long startNanos, AtomicBoolean reported) {
    Between() {
      this(System.nanoTime(), new AtomicBoolean());
    }
  }

  private final DataSource postgres;
  private final Duration interval;
  private final Consumer<String> report;
  private final String historyTable;
  private final ScheduledExecutorService ticker;
  private final Set<Integer> ownSessions = ConcurrentHashMap.newKeySet();
  private volatile Running running;
  private volatile Between between = new Between();
  private Connection observer;
  private Long lockKey;

  /**
   * @param postgres where to read the migrating session's state from; null for SQLite, whose one
   *     writer has no such view, so only the time is reported
   * @param historyTable Flyway's history table, whose name makes the key of Flyway's lock
   */
  MigrationProgress(
      DataSource postgres, String historyTable, Duration interval, Consumer<String> report) {
    this.postgres = postgres;
    this.historyTable = historyTable;
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

  /**
   * The data source for Flyway to use: the same one, noting the session of each connection Flyway
   * opens, so that a wait for Flyway's lock never names this migrate's own session as the holder
   * (Flyway holds it on one connection and migrates on another).
   */
  DataSource noteSessions(DataSource flyways) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(flyways, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (result instanceof Connection connection
                  && connection.isWrapperFor(PGConnection.class)) {
                ownSessions.add(connection.unwrap(PGConnection.class).getBackendPID());
              }
              return result;
            });
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
      Between waited = between;
      between = null;
      // A migrate that said it waits for the lock also says when it got it.
      if (waited != null && waited.reported().get()) {
        report.accept(
            "Migrate got the migration lock after "
                + elapsed(waited.startNanos()).toSeconds()
                + " s");
      }
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
    between = new Between();
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
    if (now == null) {
      Between waiting = between;
      if (postgres != null
          && waiting != null
          && elapsed(waiting.startNanos()).compareTo(interval) >= 0) {
        waitingForTheLock(waiting);
      }
      return;
    }
    if (elapsed(now).compareTo(interval) < 0) {
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
      return state(observer(), pid);
    } catch (SQLException e) {
      closeObserver();
      return "its state could not be read (" + e.getMessage() + ")";
    }
  }

  /**
   * Says that this migrate waits for Flyway's lock when another session holds it; says nothing when
   * none does (the time between migrations is then Flyway's own work) or when it cannot be read.
   */
  private void waitingForTheLock(Between waiting) {
    String holders;
    try {
      holders = lockHolders(observer());
    } catch (SQLException e) {
      closeObserver();
      return;
    }
    if (holders != null && between == waiting) {
      waiting.reported().set(true);
      report.accept(
          "Migrate has waited "
              + elapsed(waiting.startNanos()).toSeconds()
              + " s for the migration lock, which another migrate holds: "
              + holders);
    }
  }

  /**
   * The sessions that hold Flyway's lock now, other than this migrate's own, for the message of a
   * migrate that gives up waiting; null when none does, on SQLite, or when they cannot be read.
   */
  String lockHoldersNow() {
    if (postgres == null) {
      return null;
    }
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
      return lockHolders(observer());
    } catch (SQLException e) {
      closeObserver();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String lockHolders(Connection connection) throws SQLException {
    if (lockKey == null) {
      try (PreparedStatement statement = connection.prepareStatement("SELECT current_schema");
          ResultSet row = statement.executeQuery()) {
        if (!row.next() || row.getString(1) == null) {
          return null;
        }
        // Flyway's Table.toString(): schema and table, each in double quotes.
        String table = "\"" + row.getString(1) + "\".\"" + historyTable + "\"";
        lockKey = FLYWAY_LOCK_BASE + table.hashCode();
      }
    }
    List<String> sessions = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(LOCK_HOLDERS)) {
      statement.setLong(1, lockKey);
      statement.setArray(2, connection.createArrayOf("int4", ownSessions.toArray()));
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          // A connection Flyway opened while this query ran is not in the array sent with it, but
          // is noted before Flyway takes the lock on it: a holder noted by now is this migrate.
          if (ownSessions.contains(row.getInt("pid"))) {
            continue;
          }
          List<String> facts = new ArrayList<>();
          facts.add(row.getString("who"));
          if (row.getString("client") != null) {
            facts.add("from " + row.getString("client"));
          }
          if (row.getString("state") != null) {
            facts.add(row.getString("state"));
          }
          long transaction = row.getLong("transaction_seconds");
          if (!row.wasNull()) {
            facts.add("its transaction open for " + transaction + " s");
          }
          long session = row.getLong("session_seconds");
          if (!row.wasNull()) {
            facts.add("its session for " + session + " s");
          }
          sessions.add("pid " + row.getInt("pid") + " (" + String.join(", ", facts) + ")");
        }
      }
    }
    return sessions.isEmpty() ? null : String.join(", ", sessions);
  }

  private Connection observer() throws SQLException {
    if (observer == null || observer.isClosed()) {
      observer = postgres.getConnection();
      observer.setAutoCommit(true);
    }
    return observer;
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
    return elapsed(migration.startNanos());
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
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
