package com.projectmeats.assistant;

import com.projectmeats.core.error.ApiException;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code perMinute} answers per user and minute, on every replica: the answers are counted
 * in the database. A question is checked twice: before the model is asked (so a refused question
 * costs no upstream call), and again where it is stored, under a lock per user, because questions
 * sent at the same moment all pass the first check before any of them is stored.
 */
record Throttle(int perMinute) {
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** Where the window that ends at {@code now} begins. */
  Instant since(Instant now) {
    return now.minus(WINDOW);
  }

  /**
   * Refuses with 429 throttled, and when to retry, once the {@code answers} in the window reach the
   * limit.
   */
  void check(long answers, Instant oldest, Instant now) {
    if (answers >= perMinute) {
      long wait =
          oldest == null
              ? WINDOW.toSeconds()
              : Duration.between(now, oldest.plus(WINDOW)).toSeconds() + 1;
      throw ApiException.tooManyRequests(
          "You asked the assistant " + answers + " times in the last minute; wait a moment.", wait);
    }
  }
}
