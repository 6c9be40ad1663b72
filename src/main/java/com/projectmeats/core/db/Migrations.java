package com.projectmeats.core.db;

import com.projectmeats.core.config.DatabaseSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flyway owns the schema of both datastores; it speaks JDBC, so it runs on a worker thread. */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static Future<MigrateResult> run(Vertx vertx, DatabaseSettings settings) {
    return vertx.executeBlocking(() -> migrate(settings), false);
  }

  /**
   * Migrates, retrying every few seconds while the database cannot be reached, so a service
   * started before its database comes up serves /healthz (503) and recovers by itself. Any other
   * failure (a broken migration) fails the future: that needs an operator.
   */
  public static Future<MigrateResult> runUntilReachable(Vertx vertx, DatabaseSettings settings) {
    return run(vertx, settings).recover(failure -> {
      if (!unreachable(failure)) {
        return Future.failedFuture(failure);
      }
      log.warn("Database {} not reachable ({}); retrying migrations in 3 s", settings, rootMessage(failure));
      io.vertx.core.Promise<MigrateResult> retry = io.vertx.core.Promise.promise();
      vertx.setTimer(3000, t -> runUntilReachable(vertx, settings).onComplete(retry));
      return retry.future();
    });
  }

  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
      if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
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

  public static MigrateResult migrate(DatabaseSettings settings) throws Exception {
    var configuration = Flyway.configure().failOnMissingLocations(true);
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
        ds.setConnectTimeout(10);
        // A server that accepts but never answers must not hang start-up for ever.
        ds.setLoginTimeout(5);
        ds.setSocketTimeout(600);
        configuration.dataSource(ds).locations("classpath:db/migration/postgresql");
      }
      case DatabaseSettings.Sqlite lite -> {
        Database.prepareSqliteFile(lite);
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(Database.sqliteConfig());
        ds.setUrl(lite.jdbcUrl());
        configuration.dataSource(ds).locations("classpath:db/migration/sqlite");
      }
    }
    MigrateResult result = configuration.load().migrate();
    log.info("Schema of {} is at version {} ({} migration(s) applied)", settings,
        result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion, result.migrationsExecuted);
    return result;
  }
}
