package com.projectmeats.core.db;

import static com.projectmeats.testing.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.App;
import com.projectmeats.core.config.AppConfig;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.OnEachDatastore;
import com.projectmeats.testing.TestApp;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A service whose database already holds its migrations is ready without waiting for Flyway, yet
 * Flyway's check still runs: a history that does not match stops the service. Anything short of an
 * exact match goes through Flyway first.
 */
class SchemaAtStartTest {

  @Nested
  class OnSqlite extends Contract {
    OnSqlite() {
      super(Datastore.SQLITE);
    }
  }

  @Nested
  class OnPostgres extends Contract {
    OnPostgres() {
      super(Datastore.POSTGRES);
    }
  }

  abstract static class Contract extends OnEachDatastore {
    Contract(Datastore datastore) {
      super(datastore);
    }

    private Database db() {
      return app.app().database();
    }

    private boolean current() {
      return await(Migrations.isCurrent(app.app().vertx(), db()));
    }

    @Test
    void bundledVersionsAreTheScriptsOfTheDatastoresFolder() throws Exception {
      String folder =
          datastore == Datastore.SQLITE ? "db/migration/sqlite" : "db/migration/postgresql";
      ClassLoader loader = getClass().getClassLoader();
      assertThat(Migrations.bundledVersions(loader, folder)).contains("1", "2", "10", "30", "40");
      assertThat(Migrations.bundledVersions(loader, "db/migration/none")).isEmpty();
    }

    /** The service runs from its fat jar, where the folder is a jar entry, not a directory. */
    @Test
    void bundledVersionsAreReadFromAJar() throws Exception {
      Path jar = Files.createTempFile("migrations", ".jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (String name :
            List.of(
                "db/",
                "db/x/",
                "db/x/V1__first.sql",
                "db/x/V2_1__point.sql",
                "db/x/R__repeatable.sql",
                "db/x/notes.txt",
                "db/x/deeper/",
                "db/x/deeper/V9__elsewhere.sql",
                "db/xy/V7__sibling.sql")) {
          out.putNextEntry(new JarEntry(name));
          out.closeEntry();
        }
      }
      try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
        // Class loaders differ in whether a folder's URL ends with a slash.
        assertThat(Migrations.bundledVersions(loader, "db/x"))
            .containsExactlyInAnyOrder("1", "2.1");
        assertThat(Migrations.bundledVersions(loader, "db/x/"))
            .containsExactlyInAnyOrder("1", "2.1");
      } finally {
        Files.delete(jar);
      }
    }

    @Test
    void aMigratedDatabaseIsCurrentAndAnyMismatchIsNot() {
      assertThat(current()).isTrue();
      Sql sql = db().sql();
      // A database that a newer build migrated further (its rollback target must not skip Flyway).
      await(
          sql.update(
              "UPDATE flyway_schema_history SET version = $1 WHERE version = $2", "999", "40"));
      try {
        assertThat(current()).isFalse();
      } finally {
        await(
            sql.update(
                "UPDATE flyway_schema_history SET version = $1 WHERE version = $2", "40", "999"));
      }
      assertThat(current()).isTrue();
    }

    @Test
    void anEmptyDatabaseIsNotCurrentUntilMigrated() throws Exception {
      String url = datastore.freshUrl();
      AppConfig config = AppConfig.from(TestApp.env(url));
      Database empty = Database.open(app.app().vertx(), config);
      try {
        assertThat(await(Migrations.isCurrent(app.app().vertx(), empty))).isFalse();
        Migrations.migrate(config);
        assertThat(await(Migrations.isCurrent(app.app().vertx(), empty))).isTrue();
      } finally {
        await(empty.close());
        datastore.dispose(url);
      }
    }

    @Test
    void aTamperedHistoryStopsAServiceThatWasReadyAtOnce() throws Exception {
      Sql sql = db().sql();
      await(
          sql.update(
              "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = $1", "10"));
      try {
        App second =
            App.start(AppConfig.from(TestApp.env(app.databaseUrl())))
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        try {
          Throwable cause =
              second
                  .fatal()
                  .toCompletionStage()
                  .toCompletableFuture()
                  .handle((ok, failure) -> failure)
                  .get(60, TimeUnit.SECONDS);
          assertThat(cause).isNotNull();
          assertThat(cause.getMessage()).contains("checksum");
          assertThat(second.schemaReady()).isFalse();
        } finally {
          await(second.stop());
        }
      } finally {
        await(
            sql.update(
                "UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = $1",
                "10"));
      }
    }
  }
}
