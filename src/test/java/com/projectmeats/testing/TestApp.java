package com.projectmeats.testing;

import com.projectmeats.App;
import com.projectmeats.core.config.AppConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real service on a random port, against a fresh database of the chosen kind. */
public final class TestApp implements AutoCloseable {
  private final Datastore datastore;
  private final String databaseUrl;
  private final App app;

  /** False for a second replica: the database is the first one's to dispose of. */
  private final boolean ownsDatabase;

  private TestApp(Datastore datastore, String databaseUrl, App app, boolean ownsDatabase) {
    this.datastore = datastore;
    this.databaseUrl = databaseUrl;
    this.app = app;
    this.ownsDatabase = ownsDatabase;
  }

  public static TestApp start(Datastore datastore) {
    return start(datastore, Map.of());
  }

  public static TestApp start(Datastore datastore, Map<String, String> env) {
    String url = datastore.freshUrl();
    return start(datastore, url, env(url, env));
  }

  public static TestApp start(Datastore datastore, String url, Map<String, String> env) {
    return start(datastore, url, env, true);
  }

  /**
   * Another replica of this service on the same database, with {@code env} added to the test
   * settings; ready when returned. Closing it stops it and leaves the database to this one.
   */
  public TestApp replica(Map<String, String> env) {
    return start(datastore, databaseUrl, env(databaseUrl, env), false);
  }

  /** The test settings for a service (or a Database) on {@code url}. */
  public static Map<String, String> env(String url) {
    return env(url, Map.of());
  }

  /** The test settings for {@code url}, with {@code env} added. */
  public static Map<String, String> env(String url, Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("PORT", "0");
    all.put("DATABASE_URL", url);
    all.put("APP_ENV", "dev");
    all.put("SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789");
    all.put("SHUTDOWN_TIMEOUT_SECONDS", "5");
    all.putAll(env);
    return all;
  }

  private static TestApp start(
      Datastore datastore, String url, Map<String, String> env, boolean ownsDatabase) {
    try {
      App app =
          App.start(AppConfig.from(env))
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      TestApp test = new TestApp(datastore, url, app, ownsDatabase);
      test.awaitReady(Duration.ofSeconds(30));
      return test;
    } catch (Exception e) {
      throw new IllegalStateException("The service did not start: " + e, e);
    }
  }

  private void awaitReady(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!app.schemaReady()) {
      if (app.fatal().failed()) {
        throw new IllegalStateException("migrations failed", app.fatal().cause());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("schema not ready within " + limit);
      }
      Thread.sleep(20);
    }
  }

  public App app() {
    return app;
  }

  public Datastore datastore() {
    return datastore;
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  public Http http() {
    return new Http(app.port());
  }

  @Override
  public void close() {
    try {
      app.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (ownsDatabase) {
        datastore.dispose(databaseUrl);
      }
    }
  }
}
