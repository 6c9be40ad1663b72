package com.projectmeats.auth;

import com.projectmeats.core.db.Rows;
import com.projectmeats.core.db.Sql;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Password reset links. The link carries a random 256-bit secret; the table keeps its SHA-256, so a
 * database leak holds no usable link. A link works once, for an hour; a newer link (or a reset)
 * voids the older ones of the same person.
 */
final class PasswordResets {
  static final Duration LIFETIME = Duration.ofHours(1);
  static final String TOKEN_PREFIX = "pmr_";

  record Issued(String token, Instant expiresOn) {}

  /**
   * A new link for {@code userId}; {@code issuedBy} is the admin who asked for it, null when the
   * person did.
   */
  static Future<Issued> issue(Sql sql, long userId, Long issuedBy) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    String token = Secrets.generate(TOKEN_PREFIX);
    Instant expires = now.plus(LIFETIME);
    return sql.update(
            "UPDATE password_resets SET used_on = $2 WHERE user_id = $1 AND used_on IS NULL",
            userId,
            now)
        .compose(
            n ->
                sql.update(
                    """
            INSERT INTO password_resets (user_id, token_hash, issued_by, created_on, expires_on)
            VALUES ($1, $2, $3, $4, $5)""",
                    userId,
                    Secrets.hash(token),
                    issuedBy,
                    now,
                    expires))
        .map(n -> new Issued(token, expires));
  }

  /** The person a link resets, while it is unused and unexpired. */
  static Future<Optional<Long>> holder(Sql sql, String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    return sql.one(
            "SELECT user_id FROM password_resets WHERE token_hash = $1 AND used_on IS NULL AND expires_on > $2",
            Secrets.hash(token),
            Instant.now())
        .map(row -> row.map(r -> Rows.longValue(r, "user_id")));
  }

  /**
   * Uses the link up: true for the one caller whose UPDATE found it unused and unexpired (of two
   * requests racing with one link, exactly one), and every other open link of the person dies too.
   */
  static Future<Boolean> redeem(Sql sql, String token, long userId) {
    Instant now = Instant.now();
    return sql.update(
            "UPDATE password_resets SET used_on = $2 WHERE token_hash = $1 AND used_on IS NULL AND expires_on > $2",
            Secrets.hash(token),
            now)
        .compose(
            n ->
                n != 1
                    ? Future.succeededFuture(false)
                    : sql.update(
                            "UPDATE password_resets SET used_on = $2 WHERE user_id = $1 AND used_on IS NULL",
                            userId,
                            now)
                        .map(true));
  }
}
