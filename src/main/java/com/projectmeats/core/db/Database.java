package com.projectmeats.core.db;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.DatabaseSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The service's datastore: PostgreSQL through the reactive client, or an embedded SQLite file
 * through the JDBC client (whose blocking calls run on worker threads). Both are used through
 * {@link Sql}, so repositories are written once.
 */
public final class Database {
  private final Pool pool;

  /** Single statements: on PostgreSQL pipelined over connections of their own, else the pool. */
  private final SqlClient statements;

  /** The {@code application_name} of the sessions of {@link #searches}. */
  public static final String SEARCH_SESSIONS = "projectmeats-searches";

  /** Search statements (lists' and global search's): as {@link #statements}, planned once. */
  private final SqlClient searches;

  private final Dialect dialect;
  private final Duration queryTimeout;
  private final DatabaseSettings settings;
  private final Vertx vertx;
  private Notifications notifications;

  private Database(
      Vertx vertx,
      Pool pool,
      SqlClient statements,
      SqlClient searches,
      Dialect dialect,
      Duration queryTimeout,
      DatabaseSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.statements = statements;
    this.searches = searches;
    this.dialect = dialect;
    this.queryTimeout = queryTimeout;
    this.settings = settings;
  }

  public static Database open(Vertx vertx, AppConfig config) {
    return open(vertx, config, java.util.Map.of());
  }

  /**
   * As {@link #open(Vertx, AppConfig)}, with PostgreSQL settings for every session of this process
   * (sent when each connection starts, e.g. {@code synchronous_commit=off} for a bulk load); SQLite
   * ignores them.
   */
  public static Database open(
      Vertx vertx, AppConfig config, java.util.Map<String, String> sessionSettings) {
    return switch (config.database()) {
      case DatabaseSettings.Postgres pg ->
          new Database(
              vertx,
              postgresPool(vertx, pg, config, sessionSettings),
              postgresStatements(vertx, pg, config, sessionSettings),
              postgresSearches(vertx, pg, config, sessionSettings),
              Dialect.POSTGRES,
              config.dbQueryTimeout(),
              pg);
      case DatabaseSettings.Sqlite lite -> {
        Pool pool = sqlitePool(vertx, lite, config);
        yield new Database(vertx, pool, pool, pool, Dialect.SQLITE, config.dbQueryTimeout(), lite);
      }
    };
  }

  /**
   * How to reach the server; also used by connections outside the pool (LISTEN for notifications).
   */
  public static PgConnectOptions connectOptions(DatabaseSettings.Postgres pg) {
    PgConnectOptions connect =
        new PgConnectOptions()
            .setHost(pg.host())
            .setPort(pg.port())
            .setDatabase(pg.database())
            .setUser(pg.user())
            .setPassword(pg.password() == null ? "" : pg.password());
    if (pg.tls()) {
      connect.setSslMode(SslMode.of(pg.sslMode()));
      // Managed databases present certificates from their own CA; "require" means encrypt, not
      // verify.
      connect.setSslOptions(new ClientSSLOptions().setTrustAll("require".equals(pg.sslMode())));
    } else if (pg.sslMode() != null) {
      connect.setSslMode(SslMode.of(pg.sslMode()));
    }
    return connect;
  }

  /** Transactions: each holds one connection from BEGIN to COMMIT. */
  private static Pool postgresPool(
      Vertx vertx,
      DatabaseSettings.Postgres pg,
      AppConfig config,
      java.util.Map<String, String> sessionSettings) {
    return PgBuilder.pool()
        .with(postgresPoolOptions("postgres-transactions", config))
        .with(postgresTransport(config))
        .connectingTo(postgresConnect(pg, sessionSettings))
        .using(vertx)
        .build();
  }

  /**
   * Single statements, which are most of the traffic, go through a pipelined client: each
   * connection carries up to 256 statements in flight instead of being leased for one round trip.
   * With a pool leased per statement, a busy replica's statements wait for a lease while the server
   * sits idle: a lease lasts the round trip plus two event-loop hand-overs, far longer than the
   * statement itself.
   */
  private static SqlClient postgresStatements(
      Vertx vertx,
      DatabaseSettings.Postgres pg,
      AppConfig config,
      java.util.Map<String, String> sessionSettings) {
    return postgresPipelined(vertx, "postgres", pg, config, sessionSettings);
  }

  private static SqlClient postgresPipelined(
      Vertx vertx,
      String name,
      DatabaseSettings.Postgres pg,
      AppConfig config,
      java.util.Map<String, String> sessionSettings) {
    return PgBuilder.client()
        .with(postgresPoolOptions(name, config))
        .with(postgresTransport(config))
        .connectingTo(postgresConnect(pg, sessionSettings))
        .using(vertx)
        .build();
  }

  /**
   * Search statements ({@link Sql#searches()}: a list's search, and global search's per-resource
   * statements, which are the same with another page around them), on a pipelined client of its own
   * whose sessions use PostgreSQL's generic plan for every prepared statement. Such a statement (a
   * UNION ALL of CTEs over the search's alternatives) otherwise got a custom plan on every run: its
   * generic plan is estimated dearer, since it cannot see how few rows the term's trigrams find,
   * yet it is the same plan (each branch by its own index, the company's btree kept out by {@code
   * company_id + 0}) and runs as fast. Planning it took about as much of PostgreSQL's CPU as
   * running it (bench/CHANGES.md 46). Only these statements: elsewhere a value (a status, a date)
   * can change the best plan. Connections open as searches need them.
   */
  private static SqlClient postgresSearches(
      Vertx vertx,
      DatabaseSettings.Postgres pg,
      AppConfig config,
      java.util.Map<String, String> sessionSettings) {
    java.util.Map<String, String> settings = new java.util.HashMap<>(sessionSettings);
    settings.put("plan_cache_mode", "force_generic_plan");
    // pg_stat_activity tells these sessions apart.
    settings.putIfAbsent("application_name", SEARCH_SESSIONS);
    return postgresPipelined(vertx, "postgres-searches", pg, config, settings);
  }

  private static PgConnectOptions postgresConnect(
      DatabaseSettings.Postgres pg, java.util.Map<String, String> sessionSettings) {
    PgConnectOptions options =
        connectOptions(pg)
            .setCachePreparedStatements(true)
            .setPreparedStatementCacheMaxSize(512)
            .setPipeliningLimit(256)
            .setReconnectAttempts(0);
    sessionSettings.forEach(options::addProperty);
    return options;
  }

  /**
   * Milliseconds the pool's own wait for a connection outlasts the query timeout. Statements and
   * transactions are bounded by timers of {@link DatabaseTimeout}, which know what they waited for;
   * the pool's wait, which would otherwise fire at the same instant with a bare "Timeout", only
   * takes a waiter nobody listens to any more out of the line, so its statement never runs.
   */
  private static final long POOL_WAIT_SLACK = 250;

  private static PoolOptions postgresPoolOptions(String name, AppConfig config) {
    int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    return new PoolOptions()
        .setName(name)
        .setMaxSize(config.dbPoolSize())
        .setEventLoopSize(eventLoops)
        .setMaxWaitQueueSize(1024)
        .setConnectionTimeout((int) (config.dbQueryTimeout().toMillis() + POOL_WAIT_SLACK))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  private static io.vertx.core.net.NetClientOptions postgresTransport(AppConfig config) {
    return new io.vertx.core.net.NetClientOptions()
        .setConnectTimeout((int) Math.min(config.dbQueryTimeout().toMillis(), 10_000));
  }

  /**
   * How long a transaction may wait for a connection. SQLite's one connection is shared by every
   * statement and transaction, so a transaction may queue behind several others: twice the query
   * timeout.
   */
  private static Duration connectionWait(Duration queryTimeout, Dialect dialect) {
    return dialect == Dialect.SQLITE ? queryTimeout.multipliedBy(2) : queryTimeout;
  }

  private static Pool sqlitePool(Vertx vertx, DatabaseSettings.Sqlite lite, AppConfig config) {
    SQLiteDataSource dataSource =
        new SQLiteDataSource(sqliteConfig(serviceBusyTimeout(config.dbQueryTimeout())));
    dataSource.setUrl(lite.jdbcUrl());
    // One connection: every statement queues in the pool (without blocking a thread) instead of
    // waiting on SQLite's file lock inside a worker, so this process's writers never fail with
    // SQLITE_BUSY; only another process's write lock can make one wait (sqliteConfig).
    PoolOptions options =
        new PoolOptions()
            .setName("sqlite")
            .setMaxSize(1)
            .setMaxWaitQueueSize(1024)
            .setConnectionTimeout(
                (int)
                    (connectionWait(config.dbQueryTimeout(), Dialect.SQLITE).toMillis()
                        + POOL_WAIT_SLACK))
            .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return JDBCPool.pool(vertx, dataSource, options);
  }

  /** The service's SQLite busy timeout: see {@link #sqliteConfig}. */
  private static Duration serviceBusyTimeout(Duration queryTimeout) {
    return queryTimeout.plusMillis(POOL_WAIT_SLACK);
  }

  /**
   * How long the migrate command waits for SQLite's write lock while another process (the service,
   * a backup) holds it.
   */
  static final Duration MIGRATE_BUSY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * WAL keeps readers in other processes (a backup, the migrate command) from blocking the writer;
   * IMMEDIATE transactions and the busy timeout make such an outside writer wait its turn, for at
   * most {@code busyTimeout}: the service's is its query timeout (and a little, so that the
   * statement's or BEGIN's own timer answers first and names what it waited for), so a write that
   * cannot get the file's lock answers 503 database_timeout as on PostgreSQL, and its connection,
   * SQLite's only one, is free again at once instead of after SQLite's usual 30 s.
   */
  static SQLiteConfig sqliteConfig(Duration busyTimeout) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    cfg.setBusyTimeout((int) busyTimeout.toMillis());
    cfg.enforceForeignKeys(true);
    cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    cfg.setDateClass("TEXT");
    return cfg;
  }

  /** Creates the SQLite file's directory; run before migrations. */
  static void prepareSqliteFile(DatabaseSettings.Sqlite lite) throws java.io.IOException {
    Path parent = lite.file().toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /**
   * Bytes as this datastore binds them: PostgreSQL's client a Buffer (BYTEA), SQLite's a byte[].
   */
  public Object blob(byte[] bytes) {
    return dialect() == Dialect.POSTGRES ? io.vertx.core.buffer.Buffer.buffer(bytes) : bytes;
  }

  public Dialect dialect() {
    return dialect;
  }

  public DatabaseSettings settings() {
    return settings;
  }

  /**
   * Statements outside a transaction: pipelined on PostgreSQL, queued for SQLite's one connection.
   */
  public Sql sql() {
    return new Sql(statements, searches, dialect, queryTimeout);
  }

  /**
   * A write that nobody waits for (when a token was last used, say): {@link Sql#update} outside a
   * transaction, except that on SQLite it does not wait for another process's write lock. SQLite's
   * one connection would wait with it, up to its busy timeout, and so would every request queued
   * behind it; instead the write fails at once (SQLITE_BUSY), and its caller loses only what it
   * meant to record.
   */
  public Future<Integer> updateUnlessLocked(String statement, Object... args) {
    if (dialect != Dialect.SQLITE) {
      return sql().update(statement, args);
    }
    String restore = "PRAGMA busy_timeout = " + serviceBusyTimeout(queryTimeout).toMillis();
    return connection(System.nanoTime())
        .compose(
            conn ->
                conn.query("PRAGMA busy_timeout = 0")
                    .execute()
                    .compose(off -> new Sql(conn, dialect, queryTimeout).update(statement, args))
                    .eventually(() -> conn.query(restore).execute())
                    .eventually(conn::close))
        .recover(DatabaseErrors::translate);
  }

  /**
   * Runs {@code work} in one transaction: committed if its future succeeds, rolled back otherwise.
   */
  public <T> Future<T> inTransaction(Function<Sql, Future<T>> work) {
    long start = System.nanoTime();
    if (dialect == Dialect.SQLITE) {
      // vertx-jdbc-client 5.0.x ends withTransaction by setting autocommit to false, not back to
      // true (vert-x3/vertx-jdbc-client#356): every later plain statement on the pooled connection
      // then joins a silent open transaction, and the next rollback erases it. So SQLite
      // transactions are demarcated in SQL, and the JDBC connection never leaves autocommit.
      return connection(start)
          .compose(conn -> sqliteTransaction(conn, work).eventually(conn::close))
          .recover(DatabaseErrors::translate);
    }
    // BEGIN, COMMIT and ROLLBACK carry no timeout of their own: a server that stops answering
    // mid-transaction would hold the caller forever. So the whole transaction, its wait for a
    // connection included, is bounded by the query timeout. (The connection stays with the
    // transaction until the server answers, and the outcome is then unknown to the caller, as with
    // any 503: retries use Idempotency-Key.)
    return connection(start)
        .compose(
            conn ->
                DatabaseTimeout.bound(
                    transaction(conn, work).eventually(conn::close),
                    start,
                    queryTimeout,
                    DatabaseTimeout.Wait.TRANSACTION))
        .recover(DatabaseErrors::translate);
  }

  /**
   * A connection of the pool within the query timeout. The pool's own wait ends a little later (see
   * {@link #POOL_WAIT_SLACK}), so this timer is the one that answers; a connection handed over
   * after it fired goes straight back, and no transaction starts for a caller already told 503.
   */
  private Future<SqlConnection> connection(long start) {
    Future<SqlConnection> acquiring = pool.getConnection();
    Future<SqlConnection> bounded =
        DatabaseTimeout.bound(
            acquiring,
            start,
            connectionWait(queryTimeout, dialect),
            DatabaseTimeout.Wait.CONNECTION);
    bounded.onFailure(late -> acquiring.onSuccess(SqlConnection::close));
    return bounded;
  }

  private <T> Future<T> transaction(SqlConnection conn, Function<Sql, Future<T>> work) {
    return conn.begin()
        .compose(
            tx ->
                work.apply(new Sql(conn, dialect, queryTimeout))
                    .compose(
                        result -> tx.commit().map(result),
                        failure ->
                            tx.rollback().transform(ignored -> Future.<T>failedFuture(failure))));
  }

  /**
   * BEGIN IMMEDIATE takes SQLite's write lock, which another process may hold: it waits at most the
   * query timeout (then 503 database_timeout, Retry-After), and the transaction's work never starts
   * without it, so nothing of it is written. A BEGIN that got the lock just after its timer fired
   * is rolled back by the recovery below, queued behind it on the same connection.
   */
  private <T> Future<T> sqliteTransaction(SqlConnection conn, Function<Sql, Future<T>> work) {
    return DatabaseTimeout.bound(
            conn.query("BEGIN IMMEDIATE").execute(),
            System.nanoTime(),
            queryTimeout,
            DatabaseTimeout.Wait.WRITE_LOCK)
        .compose(begun -> work.apply(new Sql(conn, dialect, queryTimeout)))
        .compose(result -> conn.query("COMMIT").execute().map(result))
        .recover(
            failure ->
                conn.query("ROLLBACK")
                    .execute()
                    .transform(ignored -> Future.<T>failedFuture(failure)));
  }

  /** A cheap round trip for the health check. */
  public Future<Void> ping(Duration timeout) {
    return statements
        .query("SELECT 1")
        .execute()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  /**
   * PostgreSQL's LISTEN, for changes other replicas (or anyone) announce with NOTIFY: one
   * connection for every channel of this process, opened when a feature first listens.
   */
  public synchronized Notifications notifications() {
    if (!(settings instanceof DatabaseSettings.Postgres pg)) {
      throw new IllegalStateException("LISTEN/NOTIFY needs PostgreSQL");
    }
    if (notifications == null) {
      notifications = new Notifications(vertx, connectOptions(pg));
    }
    return notifications;
  }

  public Future<Void> close() {
    synchronized (this) {
      if (notifications != null) {
        notifications.close();
      }
    }
    return statements == pool
        ? pool.close()
        : Future.join(statements.close(), searches.close(), pool.close()).mapEmpty();
  }
}
