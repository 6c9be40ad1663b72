package com.projectmeats.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.projectmeats.core.config.AppConfig;
import com.projectmeats.core.config.DatabaseSettings;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * A migration that runs for a while says so as it runs; one that waits for a lock names who holds
 * it, as an operator needs when a deploy's migrate step seems to hang.
 */
class MigrationProgressTest {

  @Test
  void aMigrationWaitingForALockNamesTheSessionHoldingIt() throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    DatabaseSettings.Postgres settings = (DatabaseSettings.Postgres) settings(url);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection holder = connect(settings)) {
      int holderPid;
      try (Statement st = holder.createStatement()) {
        st.execute("SET application_name = 'old-replica'");
        holder.setAutoCommit(false);
        st.execute("SELECT pg_advisory_xact_lock(4242)");
        try (ResultSet row = st.executeQuery("SELECT pg_backend_pid()")) {
          row.next();
          holderPid = row.getInt(1);
        }
      }

      CompletableFuture<MigrateResult> migration =
          CompletableFuture.supplyAsync(() -> migrate(settings, "postgresql", lines));
      String waiting =
          awaitLine(
              lines,
              "Migration to version 1 (wait for the probe) has run for",
              "it waits for a lock held by pid "
                  + holderPid
                  + " (old-replica, idle in transaction");
      assertThat(waiting).contains("its transaction open for");
      assertThat(migration).isNotDone();

      holder.rollback();
      assertThat(migration.get(30, TimeUnit.SECONDS).migrationsExecuted).isEqualTo(1);
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
    assertThat(lines)
        .anyMatch(l -> l.startsWith("Migration to version 1 (wait for the probe) finished after "));
  }

  @Test
  void aMigrateWaitingForAnotherMigratesLockNamesTheSessionHoldingIt() throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    DatabaseSettings.Postgres settings = (DatabaseSettings.Postgres) settings(url);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection other = connect(settings)) {
      // The lock exactly as Flyway 13 takes it (PostgreSQLAdvisoryLockTemplate, transactional by
      // default): its base number plus the hash of the quoted history table, in a transaction.
      long key = 77431708279161L + "\"public\".\"flyway_schema_history\"".hashCode();
      try (Statement st = other.createStatement()) {
        st.execute("SET application_name = 'other-deploy'");
        other.setAutoCommit(false);
        try (ResultSet row = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + key + ")")) {
          row.next();
          assertThat(row.getBoolean(1)).isTrue();
        }
      }

      CompletableFuture<MigrateResult> migration =
          CompletableFuture.supplyAsync(() -> migrate(settings, "postgresql", lines));
      String waiting =
          awaitLine(
              lines,
              "Migrate has waited ",
              " s for the migration lock, which another migrate holds: pid ",
              " (other-deploy, from ",
              "idle in transaction, its transaction open for ");
      assertThat(waiting).contains("its session for ");
      // Said again while the wait lasts, and Flyway is really waiting.
      awaitLines(lines, "for the migration lock", 3);
      assertThat(migration).isNotDone();
      assertThat(lines).noneMatch(l -> l.contains("projectmeats-migrate"));

      other.rollback();
      assertThat(migration.get(30, TimeUnit.SECONDS).migrationsExecuted).isEqualTo(1);
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
    assertThat(lines).anyMatch(l -> l.matches("Migrate got the migration lock after \\d+ s"));
  }

  @Test
  void aMigrateThatWaitsLongerThanItsLockTimeoutSaysWhatItWaitedForAndWhichSettingToRaise()
      throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    DatabaseSettings.Postgres settings = (DatabaseSettings.Postgres) settings(url);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection other = holdingTheMigrationLock(settings, "other-deploy")) {
      long t0 = System.nanoTime();
      Throwable failure =
          catchThrowable(
              () ->
                  Migrations.migrate(
                      settings,
                      Duration.ofSeconds(3),
                      "db/progress-test/postgresql",
                      Duration.ofMillis(100),
                      lines::add));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

      // Flyway's own default gives up after about 50 s, with a message about its own option.
      assertThat(seconds).isBetween(2L, 15L);
      assertThat(failure)
          .isInstanceOf(FlywayException.class)
          .hasMessageStartingWith(
              "Gave up after waiting 3 s (DB_MIGRATION_LOCK_TIMEOUT_SECONDS) for the migration"
                  + " lock, which another migrate held: pid ")
          .hasMessageContaining("(other-deploy, from ")
          .hasMessageContaining("raise DB_MIGRATION_LOCK_TIMEOUT_SECONDS to wait longer");
      // Nothing was applied: the history table was not even made.
      try (Statement st = other.createStatement();
          ResultSet row = st.executeQuery("SELECT to_regclass('flyway_schema_history')")) {
        row.next();
        assertThat(row.getString(1)).isNull();
      }
      other.rollback();
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
  }

  @Test
  void aMigrateWaitsOutALockReleasedWithinItsLockTimeout() throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    DatabaseSettings.Postgres settings = (DatabaseSettings.Postgres) settings(url);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Connection other = holdingTheMigrationLock(settings, "other-deploy")) {
      CompletableFuture<MigrateResult> migration =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Migrations.migrate(
                      settings,
                      Duration.ofSeconds(20),
                      "db/progress-test/postgresql",
                      Duration.ofMillis(100),
                      lines::add);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitLine(lines, "for the migration lock, which another migrate holds: pid ");
      // Held past the few seconds the other test's migrate waited, then released midway.
      Thread.sleep(4000);
      assertThat(migration).isNotDone();
      other.rollback();
      assertThat(migration.get(30, TimeUnit.SECONDS).migrationsExecuted).isEqualTo(1);
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
    assertThat(lines)
        .anyMatch(l -> l.matches("Migrate got the migration lock after ([4-9]|[1-9][0-9]) s"));
  }

  /**
   * Another session holding Flyway's lock exactly as Flyway 13 takes it
   * (PostgreSQLAdvisoryLockTemplate, transactional by default): its base number plus the hash of
   * the quoted history table, in a transaction that rolling back ends.
   */
  private static Connection holdingTheMigrationLock(
      DatabaseSettings.Postgres settings, String applicationName) throws Exception {
    Connection other = connect(settings);
    long key = 77431708279161L + "\"public\".\"flyway_schema_history\"".hashCode();
    try (Statement st = other.createStatement()) {
      st.execute("SET application_name = '" + applicationName + "'");
      other.setAutoCommit(false);
      try (ResultSet row = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + key + ")")) {
        row.next();
        assertThat(row.getBoolean(1)).isTrue();
      }
    }
    return other;
  }

  @Test
  void aMigrateBetweenMigrationsSaysNothingWhenNoOneElseHoldsTheLock() throws Exception {
    String url = Datastore.POSTGRES.freshUrl();
    List<String> lines = new CopyOnWriteArrayList<>();
    try {
      MigrateResult result =
          Migrations.migrate(
              settings(url), "db/progress-test/postgresql", Duration.ofMillis(1), lines::add);
      assertThat(result.migrationsExecuted).isEqualTo(1);
    } finally {
      Datastore.POSTGRES.dispose(url);
    }
    assertThat(lines).noneMatch(l -> l.contains("migration lock"));
  }

  @Test
  void onSqliteALongMigrationReportsItsTime() throws Exception {
    String url = Datastore.SQLITE.freshUrl();
    List<String> lines = new CopyOnWriteArrayList<>();

    MigrateResult result = migrate(settings(url), "sqlite", lines);

    assertThat(result.migrationsExecuted).isEqualTo(1);
    assertThat(lines)
        .anyMatch(
            l -> l.matches("Migration to version 1 \\(count for a while\\) has run for \\d+ s"));
    assertThat(lines.get(lines.size() - 1))
        .startsWith("Migration to version 1 (count for a while) finished after ");
  }

  @Test
  void aMigrationShorterThanTheIntervalSaysNothing() throws Exception {
    String url = Datastore.SQLITE.freshUrl();
    List<String> lines = new CopyOnWriteArrayList<>();

    MigrateResult result =
        Migrations.migrate(
            settings(url), "db/progress-test/sqlite", Duration.ofMinutes(1), lines::add);

    assertThat(result.migrationsExecuted).isEqualTo(1);
    assertThat(lines).isEmpty();
  }

  private static MigrateResult migrate(
      DatabaseSettings settings, String dialect, List<String> lines) {
    try {
      return Migrations.migrate(
          settings, "db/progress-test/" + dialect, Duration.ofMillis(100), lines::add);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String awaitLine(List<String> lines, String... parts) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        boolean all = true;
        for (String part : parts) {
          all &= line.contains(part);
        }
        if (all) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No progress line with " + List.of(parts) + " in " + lines);
  }

  private static void awaitLines(List<String> lines, String part, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (lines.stream().filter(l -> l.contains(part)).count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Fewer than " + count + " lines with " + part + " in " + lines);
      }
      Thread.sleep(50);
    }
  }

  private static DatabaseSettings settings(String url) {
    return AppConfig.from(TestApp.env(url)).database();
  }

  /** A session of its own on the test's database, as another replica or a psql would open one. */
  private static Connection connect(DatabaseSettings.Postgres settings) throws Exception {
    return DriverManager.getConnection(
        settings.jdbcUrl(),
        settings.user(),
        settings.password() == null ? "" : settings.password());
  }
}
