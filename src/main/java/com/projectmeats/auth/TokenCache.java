package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Dialect;
import com.projectmeats.core.db.Notifications;
import com.projectmeats.core.security.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Who an API token speaks for (user, company, role), remembered between requests so that a request
 * with a known token costs no round trip to the database before its own work. PostgreSQL keeps
 * every replica's copy honest: triggers (migration V81) {@code NOTIFY} {@value #CHANNEL} in the
 * transaction that revokes, expires or re-targets a token, deactivates a user or a company, or
 * changes or removes a membership, whoever makes the change (this service, another replica, a
 * script in psql); every replica listens (on its one LISTEN connection, {@link Notifications}) and
 * forgets everything it holds when told. What is guaranteed: a request a replica starts after it
 * has heard the notification is refused. PostgreSQL signals the listeners as the transaction
 * commits, before the change's author has its answer, so the notification usually arrives ahead of
 * the next request; it can arrive after it when the listening backend or the replica's event loop
 * is not scheduled in time (the tradeoff, stated in docs/auth.md). {@code
 * projectmeats_auth_changes_heard_total} counts the notifications acted on and {@code
 * projectmeats_auth_token_cache_active} says whether the cache is in use, so an operator can see
 * that every replica hears.
 *
 * <p>The cache is used only while the listening connection is up: not before it has said LISTEN,
 * not while it is lost or reconnecting (notifications sent meanwhile would be missed, so it starts
 * empty again once it listens), and not when a heartbeat on it goes unanswered. A look-up that was
 * already under way when an invalidation arrived does not store what it read. Failed look-ups are
 * not remembered, so a new token works at once.
 *
 * <p>SQLite runs in one process and its look-up costs no network round trip: there the cache is off
 * and every request reads the token, as before.
 */
final class TokenCache {
  static final String CHANNEL = "auth_changed";

  /** A backstop: nothing is trusted longer than this, even if a notification was missed. */
  private static final Duration TTL = Duration.ofMinutes(5);

  private static final int MAX_ENTRIES = 10_000;

  /** A token's caller as the database last answered it. */
  record Entry(
      long tokenId,
      long userId,
      String email,
      long companyId,
      String slug,
      Role role,
      Instant expiresOn,
      Instant lastUsedOn,
      long storedNanos) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final Notifications notifications;
  private final Counter changesHeard;
  private volatile boolean listening;
  private volatile boolean closed;

  private TokenCache(Notifications notifications, MeterRegistry meters) {
    this.notifications = notifications;
    this.changesHeard =
        Counter.builder("projectmeats.auth.changes.heard")
            .description("Notifications of a token, user, company or membership change acted on")
            .register(meters);
    Gauge.builder("projectmeats.auth.token.cache.active", this, c -> c.active() ? 1 : 0)
        .description("1 while API tokens are answered from memory, 0 while each is read")
        .register(meters);
  }

  /** Listening on PostgreSQL; on SQLite a cache that never holds anything. */
  static TokenCache forDatabase(Vertx vertx, Database database, MeterRegistry meters) {
    if (vertx == null || database.dialect() != Dialect.POSTGRES) {
      return new TokenCache(null, meters);
    }
    TokenCache cache = new TokenCache(database.notifications(), meters);
    cache.notifications.listen(
        CHANNEL,
        new Notifications.Listener() {
          @Override
          public void notified(String payload) {
            cache.invalidate();
            cache.changesHeard.increment();
          }

          @Override
          public void listening() {
            // Whatever changed while nobody listened is unknown: start empty.
            cache.invalidate();
            cache.listening = !cache.closed;
          }

          @Override
          public void lost() {
            cache.listening = false;
            cache.invalidate();
          }
        });
    return cache;
  }

  /** Whether answers may be taken from the cache now. */
  boolean active() {
    return listening && !closed;
  }

  /** Read before a look-up; {@link #put} stores nothing if an invalidation came in between. */
  long generation() {
    return generation.get();
  }

  Entry get(String tokenHash, Instant now) {
    if (!active()) {
      return null;
    }
    Entry entry = entries.get(tokenHash);
    if (entry == null) {
      return null;
    }
    if ((entry.expiresOn() != null && !entry.expiresOn().isAfter(now))
        || System.nanoTime() - entry.storedNanos() > TTL.toNanos()) {
      entries.remove(tokenHash, entry);
      return null;
    }
    return entry;
  }

  void put(String tokenHash, Entry entry, long generationBefore) {
    if (!active()) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(tokenHash, entry);
    // An invalidation that began after the look-up read the database may already have cleared the
    // map before this put: then this entry is as stale as the rest and must go too.
    if (generation.get() != generationBefore) {
      entries.remove(tokenHash, entry);
    }
  }

  /** Forgets everything (a change was notified, or the listening connection came or went). */
  void invalidate() {
    generation.incrementAndGet();
    entries.clear();
  }

  void close() {
    closed = true;
    listening = false;
    invalidate();
    if (notifications != null) {
      notifications.unlisten(CHANNEL);
    }
  }
}
