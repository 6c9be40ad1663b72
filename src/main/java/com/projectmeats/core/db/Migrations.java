package com.projectmeats.core.db;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.DatabaseSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway owns the schema of both datastores; it speaks JDBC, so it runs on a worker thread. */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** How often a running migration says how far it is (a deploy's operator is watching). */
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

  /** The {@code application_name} of Flyway's PostgreSQL sessions. */
  private static final String APPLICATION_NAME = "projectmeats-migrate";

  private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

  /**
   * Migrates, retrying every few seconds while the database cannot be reached, so a service started
   * before its database comes up serves /healthz (503) and recovers by itself. Any other failure (a
   * broken migration) fails the future: that needs an operator.
   */
  public static Future<MigrateResult> runUntilReachable(Vertx vertx, AppConfig config) {
    return untilReachable(vertx, config.database(), "migrations", () -> migrate(config));
  }

  /**
   * Flyway's full check of an applied history (checksums, failed or missing versions), which a
   * service whose schema was found {@link #isCurrent current} runs after it became ready. Fails the
   * future when the history does not match the bundled migrations.
   */
  public static Future<ValidateResult> validateUntilReachable(
      Vertx vertx, DatabaseSettings settings) {
    return untilReachable(
        vertx,
        settings,
        "the schema check",
        () -> {
          ValidateResult result = configure(settings).load().validateWithResult();
          if (!result.validationSuccessful) {
            throw new FlywayException(
                "The schema history does not match this version's migrations: "
                    + result.getAllErrorMessages());
          }
          return result;
        });
  }

  private static <T> Future<T> untilReachable(
      Vertx vertx, DatabaseSettings settings, String what, Callable<T> work) {
    return vertx
        .executeBlocking(work, false)
        .recover(
            failure -> {
              if (!unreachable(failure)) {
                return Future.failedFuture(failure);
              }
              log.warn(
                  "Database {} not reachable ({}); retrying {} in 3 s",
                  settings,
                  rootMessage(failure),
                  what);
              Promise<T> retry = Promise.promise();
              vertx.setTimer(
                  3000, t -> untilReachable(vertx, settings, what, work).onComplete(retry));
              return retry.future();
            });
  }

  /**
   * Whether the database already holds exactly the migrations this build bundles, read with one
   * query on the service's own pool. Loading Flyway and checking an up-to-date schema held start-up
   * for seconds on a busy small machine; this answers in milliseconds, so a restarted replica is
   * ready at once. Any doubt (no history table, an unreachable database, a version missing or
   * extra) answers false and leaves the decision to Flyway.
   */
  public static Future<Boolean> isCurrent(Vertx vertx, Database database) {
    return vertx
        .executeBlocking(
            () -> bundledVersions(Migrations.class.getClassLoader(), location(database.settings())),
            false)
        .compose(
            bundled ->
                database
                    .sql()
                    .query(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                    .map(
                        rows -> {
                          Set<String> applied = new HashSet<>();
                          rows.forEach(row -> applied.add(row.getString("version")));
                          return !bundled.isEmpty() && applied.equals(bundled);
                        }))
        .otherwise(false);
  }

  /**
   * The versions of the migration scripts in a classpath folder, as Flyway writes them in its
   * history.
   */
  static Set<String> bundledVersions(ClassLoader loader, String location)
      throws IOException, URISyntaxException {
    URL folder = loader.getResource(location);
    if (folder == null) {
      return Set.of();
    }
    Set<String> versions = new HashSet<>();
    if (folder.openConnection() instanceof JarURLConnection jar) {
      String prefix =
          jar.getEntryName().endsWith("/") ? jar.getEntryName() : jar.getEntryName() + "/";
      jar.getJarFile().stream()
          .map(entry -> entry.getName())
          .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
          .forEach(name -> version(name.substring(prefix.length()), versions));
    } else {
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        files.forEach(file -> version(file.getFileName().toString(), versions));
      }
    }
    return versions;
  }

  private static void version(String fileName, Set<String> versions) {
    Matcher m = VERSIONED.matcher(fileName);
    if (m.matches()) {
      versions.add(m.group(1).replace('_', '.'));
    }
  }

  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t instanceof java.net.ConnectException
          || t instanceof java.net.SocketTimeoutException
          || t instanceof java.sql.SQLTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  /**
   * Migrates the configured database, waiting up to {@code DB_MIGRATION_LOCK_TIMEOUT_SECONDS} for
   * another migrate's lock.
   */
  public static MigrateResult migrate(AppConfig config) throws Exception {
    return migrate(
        config.database(),
        config.migrationLockTimeout(),
        location(config.database()),
        PROGRESS_INTERVAL,
        log::info);
  }

  static MigrateResult migrate(
      DatabaseSettings settings, String location, Duration interval, Consumer<String> progress)
      throws Exception {
    return migrate(
        settings, AppConfig.DEFAULT_MIGRATION_LOCK_TIMEOUT, location, interval, progress);
  }

  static MigrateResult migrate(
      DatabaseSettings settings,
      Duration lockTimeout,
      String location,
      Duration interval,
      Consumer<String> progress)
      throws Exception {
    FluentConfiguration configuration =
        configure(settings)
            .locations("classpath:" + location)
            .lockRetryCount(lockRetryCount(lockTimeout));
    MigrateResult result;
    DataSource postgres =
        settings instanceof DatabaseSettings.Postgres ? configuration.getDataSource() : null;
    try (MigrationProgress reporter =
        new MigrationProgress(postgres, configuration.getTable(), interval, progress)) {
      if (postgres != null) {
        configuration.dataSource(reporter.noteSessions(postgres));
      }
      try {
        result = configuration.callbacks(reporter).load().migrate();
      } catch (FlywayException e) {
        if (!lockWaitRanOut(e)) {
          throw e;
        }
        throw new FlywayException(lockGivenUp(lockTimeout, reporter.lockHoldersNow()), e);
      }
    }
    log.info(
        "Schema of {} is at version {} ({} migration(s) applied)",
        settings,
        result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion,
        result.migrationsExecuted);
    return result;
  }

  /**
   * Flyway's tries for its lock within {@code wait}: it tries, then sleeps a second before each of
   * {@code lockRetryCount} more tries and once more before it gives up, so a count of one less than
   * the seconds waits about that long. (Flyway keeps the count in a static field that each command
   * sets from its configuration: one process migrates one database at a time, so that is this
   * one's.)
   */
  static int lockRetryCount(Duration wait) {
    return (int) Math.max(0, wait.toSeconds() - 1);
  }

  /** Flyway's "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock". */
  private static boolean lockWaitRanOut(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null
          && message.contains("Number of retries exceeded")
          && message.contains("lock")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What an operator needs when a migrate gives up on the lock: what it waited for, who held it,
   * what to do, and which setting makes it wait longer.
   */
  static String lockGivenUp(Duration lockTimeout, String holders) {
    return "Gave up after waiting "
        + lockTimeout.toSeconds()
        + " s (DB_MIGRATION_LOCK_TIMEOUT_SECONDS) for the migration lock, which another migrate"
        + " held"
        + (holders == null ? "" : ": " + holders)
        + ". Flyway takes that lock so that two migrates never apply the same migration; the other"
        + " one (a replica starting, another deploy's migrate step) is likely still applying"
        + " migrations. Let it finish and run this again (what it applied is then skipped), or"
        + " raise DB_MIGRATION_LOCK_TIMEOUT_SECONDS to wait longer. A holder idle in transaction"
        + " for long is a stuck session: SELECT pg_terminate_backend(pid). See docs/deploying.md";
  }

  private static String location(DatabaseSettings settings) {
    return switch (settings) {
      case DatabaseSettings.Postgres pg -> "db/migration/postgresql";
      case DatabaseSettings.Sqlite lite -> "db/migration/sqlite";
    };
  }

  static FluentConfiguration configure(DatabaseSettings settings) throws IOException {
    var configuration =
        Flyway.configure()
            .failOnMissingLocations(true)
            .locations("classpath:" + location(settings));
    switch (settings) {
      case DatabaseSettings.Postgres pg -> {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setServerNames(new String[] {pg.host()});
        ds.setPortNumbers(new int[] {pg.port()});
        ds.setDatabaseName(pg.database());
        ds.setUser(pg.user());
        ds.setPassword(pg.password());
        if (pg.sslMode() != null) {
          ds.setSslMode(pg.sslMode());
          if ("require".equals(pg.sslMode())) {
            ds.setSslfactory("org.postgresql.ssl.NonValidatingFactory");
          }
        }
        // Names Flyway's sessions in pg_stat_activity, so that a migrate waiting for another's lock
        // (MigrationProgress) or a lock held by a migration is seen to be a migrate.
        ds.setApplicationName(APPLICATION_NAME);
        ds.setConnectTimeout(10);
        // A server that accepts but never answers must not hang start-up for ever.
        ds.setLoginTimeout(5);
        // No socket (read) timeout: one migration statement may run for as long as it needs (a
        // table rewrite at tens of millions of rows takes more than ten minutes), and a read
        // timeout would fail the deploy's migrate step half-way. A server that dies mid-statement
        // is found by TCP keepalive probes instead, in about two minutes (KeepAliveSocketFactory);
        // a time limit on migrations, if one is wanted, is the database's statement_timeout.
        ds.setTcpKeepAlive(true);
        ds.setSocketFactory(KeepAliveSocketFactory.class.getName());
        configuration.dataSource(ds);
      }
      case DatabaseSettings.Sqlite lite -> {
        Database.prepareSqliteFile(lite);
        org.sqlite.SQLiteDataSource ds =
            new org.sqlite.SQLiteDataSource(Database.sqliteConfig(Database.MIGRATE_BUSY_TIMEOUT));
        ds.setUrl(lite.jdbcUrl());
        configuration.dataSource(ds);
      }
    }
    return configuration;
  }
}
