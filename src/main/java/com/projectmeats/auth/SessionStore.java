package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.time.Duration;
import java.time.Instant;

/**
 * Browser sessions: the cookie carries a random 256-bit secret, the sessions table its SHA-256. A
 * sign-in always starts a new session (a session id planted before sign-in is worth nothing), and
 * ending one deletes its row, which every replica sees on the next request.
 */
final class SessionStore {
  static final Duration LIFETIME = Duration.ofDays(14);
  private static final String PREFIX = "pms_";

  private final Database db;
  private final boolean secureCookies;

  SessionStore(Database db, boolean secureCookies) {
    this.db = db;
    this.secureCookies = secureCookies;
  }

  /**
   * Starts a session and answers the secret for the cookie. Also clears the user's expired
   * sessions.
   */
  Future<String> start(long userId, String ip, String userAgent) {
    Instant now = Instant.now();
    String secret = Secrets.generate(PREFIX);
    return db.sql()
        .update("DELETE FROM sessions WHERE user_id = $1 AND expires_on <= $2", userId, now)
        .compose(
            n ->
                db.sql()
                    .update(
                        """
            INSERT INTO sessions (token_hash, user_id, created_on, last_seen_on, expires_on, ip, user_agent)
            VALUES ($1, $2, $3, $3, $4, $5, $6)""",
                        Secrets.hash(secret),
                        userId,
                        now,
                        now.plus(LIFETIME),
                        ip,
                        truncate(userAgent, 400)))
        .map(n -> secret);
  }

  Future<Void> end(long sessionId) {
    return db.sql().update("DELETE FROM sessions WHERE id = $1", sessionId).mapEmpty();
  }

  /** Ends the session a cookie names, if any (a browser signing in again drops its old session). */
  Future<Void> end(String secret) {
    return secret == null || secret.isBlank()
        ? Future.succeededFuture()
        : db.sql()
            .update("DELETE FROM sessions WHERE token_hash = $1", Secrets.hash(secret))
            .mapEmpty();
  }

  /**
   * HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure outside
   * dev.
   */
  String cookie(String secret) {
    return base(secret).setMaxAge(LIFETIME.toSeconds()).encode();
  }

  String clearedCookie() {
    return base("").setMaxAge(0).encode();
  }

  private Cookie base(String value) {
    return Cookie.cookie(Authentication.SESSION_COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX);
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
