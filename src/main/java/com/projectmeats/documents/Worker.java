package com.projectmeats.documents;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline in the background on whichever replica gets there first. A sweep (after each
 * upload, and every few seconds) puts processing that outlived its replica back to pending, then
 * claims pending documents up to this replica's capacity; the claim is a conditional UPDATE, so two
 * replicas never process one document.
 */
final class Worker {
  static final Duration STUCK_AFTER = Duration.ofMinutes(5);
  static final long SWEEP_EVERY_MS = 10_000;
  static final int CAPACITY = 4;

  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final Vertx vertx;
  private final DocumentStore store;
  private final Pipeline pipeline;
  private final AtomicInteger running = new AtomicInteger();

  Worker(Vertx vertx, DocumentStore store, Pipeline pipeline) {
    this.vertx = vertx;
    this.store = store;
    this.pipeline = pipeline;
  }

  void start() {
    vertx.setPeriodic(1000, SWEEP_EVERY_MS, t -> sweep());
  }

  /** Looks for work now; failures (a database that is not ready yet) wait for the next sweep. */
  void sweep() {
    int free = CAPACITY - running.get();
    if (free <= 0) {
      return;
    }
    store
        .requeueStuck(STUCK_AFTER)
        .onSuccess(
            n -> {
              if (n > 0) {
                log.warn(
                    "{} document(s) were left processing by a stopped replica; they are read again",
                    n);
              }
            })
        .compose(n -> store.pending(free))
        .onSuccess(ids -> ids.forEach(this::tryClaim))
        .onFailure(e -> log.debug("Document sweep skipped: {}", e.getMessage()));
  }

  private void tryClaim(long id) {
    if (running.incrementAndGet() > CAPACITY) {
      running.decrementAndGet();
      return;
    }
    store
        .claim(id)
        .compose(mine -> mine ? pipeline.process(id).map(true) : Future.succeededFuture(false))
        .onComplete(
            done -> {
              running.decrementAndGet();
              if (done.failed()) {
                log.warn("Document {} could not be processed: {}", id, done.cause().toString());
              } else if (done.result()) {
                sweep(); // a slot is free: the next one waiting need not wait for the timer
              }
            });
  }
}
