package com.projectmeats.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.projectmeats.core.error.ApiException;
import com.projectmeats.testing.Datastore;
import com.projectmeats.testing.TestApp;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * More requests than the pool's connections and waiting line can hold: the ones past the line are
 * told the service is busy (503 server_busy, Retry-After), not that the database is down, and the
 * ones in line are answered once a connection frees.
 */
class PoolTooBusyTest {
  @Test
  void requestsPastTheWaitingLineAreToldTheServiceIsBusy() throws Exception {
    // SQLite's pool has one connection: a transaction held open makes every other statement wait in
    // line.
    TestApp app = TestApp.start(Datastore.SQLITE);
    try {
      Database db = app.app().database();
      HeldTransaction held = HeldTransaction.open(db);

      List<Future<Long>> queued = new ArrayList<>();
      for (int i = 0; i < 1100; i++) {
        queued.add(db.sql().count("SELECT count(*) FROM companies"));
      }
      held.release().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      Future.join(queued)
          .toCompletionStage()
          .toCompletableFuture()
          .exceptionally(e -> null)
          .get(30, TimeUnit.SECONDS);

      long answered = queued.stream().filter(Future::succeeded).count();
      List<Throwable> refused = queued.stream().filter(Future::failed).map(Future::cause).toList();
      assertThat(answered)
          .as("the waiting line is answered once the connection frees")
          .isGreaterThanOrEqualTo(1000);
      assertThat(refused)
          .as("past the waiting line")
          .isNotEmpty()
          .allSatisfy(
              cause -> {
                assertThat(cause).isInstanceOf(ApiException.class);
                ApiException busy = (ApiException) cause;
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.code()).isEqualTo("server_busy");
                assertThat(busy.headers()).containsEntry("Retry-After", "1");
              });
    } finally {
      app.app().stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
