package com.projectmeats.assistant;

import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * One deadline at a time, moved cheaply: re-arming on every chunk only stores a number, and the
 * timer checks the latest deadline when it fires instead of being cancelled and set again.
 */
final class Watchdog {
  private final Vertx vertx;
  private final Consumer<String> expired;
  private long deadline;
  private String reason;
  private boolean armed;
  private long timer = -1;
  private long timerAt;

  Watchdog(Vertx vertx, Consumer<String> expired) {
    this.vertx = vertx;
    this.expired = expired;
  }

  /**
   * Calls back with {@code reason} unless re-armed or disarmed before {@code deadlineNanos}
   * (System.nanoTime).
   */
  void arm(long deadlineNanos, String reason) {
    this.deadline = deadlineNanos;
    this.reason = reason;
    this.armed = true;
    if (timer != -1 && timerAt > deadlineNanos) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    if (timer == -1) {
      schedule();
    }
  }

  void disarm() {
    armed = false;
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void schedule() {
    long delayMs = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
    timerAt = System.nanoTime() + delayMs * 1_000_000;
    timer =
        vertx.setTimer(
            delayMs,
            t -> {
              timer = -1;
              if (!armed) {
                return;
              }
              if (System.nanoTime() - deadline >= 0) {
                armed = false;
                expired.accept(reason);
              } else {
                schedule();
              }
            });
  }
}
