package com.projectmeats.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test contract run once per datastore: a subclass declares its tests, and two {@code @Nested}
 * classes (OnSqlite, OnPostgres) pass the datastore in. The real service starts once per class on a
 * fresh database; subclass {@code @BeforeAll} methods run after it is up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class OnEachDatastore {
  protected final Datastore datastore;
  protected TestApp app;

  protected OnEachDatastore(Datastore datastore) {
    this.datastore = datastore;
  }

  /** How the service starts; override to pass environment variables. */
  protected TestApp startApp() {
    return TestApp.start(datastore);
  }

  @BeforeAll
  final void startService() {
    app = startApp();
  }

  @AfterAll
  final void stopService() {
    if (app != null) {
      app.close();
    }
  }

  /** A client that sends this bearer token on every request. */
  protected Http bearer(String token) {
    return app.http().with("Authorization", "Bearer " + token);
  }
}
