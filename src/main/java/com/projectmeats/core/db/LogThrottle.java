package com.projectmeats.core.db;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per period for one kind of event, so that a burst of the same failure does
 * not flood the log; it counts the events it held back, for the next line to say how many.
 */
final class LogThrottle {
  private final long periodNanos;
  private final AtomicLong last;
  private final AtomicLong held = new AtomicLong();

  LogThrottle(Duration period) {
    this.periodNanos = period.toNanos();
    this.last = new AtomicLong(System.nanoTime() - periodNanos);
  }

  /** Whether this event may be logged now; one that may not is counted as held back. */
  boolean allow() {
    long now = System.nanoTime();
    long previous = last.get();
    if (now - previous >= periodNanos && last.compareAndSet(previous, now)) {
      return true;
    }
    held.incrementAndGet();
    return false;
  }

  /** The events held back since the last one allowed, counting afresh from now. */
  long heldBack() {
    return held.getAndSet(0);
  }
}
