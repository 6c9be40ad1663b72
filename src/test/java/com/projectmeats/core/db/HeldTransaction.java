package com.projectmeats.core.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeUnit;

/**
 * A transaction that keeps one of the pool's connections until it is released, so that the callers
 * after it wait for a connection (SQLite's pool has only one).
 */
final class HeldTransaction {
  private final Promise<Void> release;
  private final Future<Object> outcome;

  private HeldTransaction(Promise<Void> release, Future<Object> outcome) {
    this.release = release;
    this.outcome = outcome;
  }

  /** Opens it, and returns once it holds its connection. */
  static HeldTransaction open(Database db) throws Exception {
    Promise<Void> release = Promise.promise();
    Promise<Void> holding = Promise.promise();
    Future<Object> outcome =
        db.inTransaction(
            sql ->
                sql.query("SELECT 1")
                    .compose(
                        rows -> {
                          holding.complete();
                          return release.future().map(v -> (Object) null);
                        }));
    holding.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return new HeldTransaction(release, outcome);
  }

  /** Lets it commit; the transaction's outcome. */
  Future<Object> release() {
    release.complete();
    return outcome;
  }
}
