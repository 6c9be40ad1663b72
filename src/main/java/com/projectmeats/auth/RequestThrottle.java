package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Limits how often a public request that costs someone something (a reset e-mail in their inbox)
 * may be made, per e-mail address asked about and per client address, with the counts in the
 * login_attempts table so that every replica enforces one limit. Every request counts, whether or
 * not the address has an account, so the limit itself tells nothing about accounts.
 */
final class RequestThrottle {
  /** Within {@link LoginThrottle#WINDOW}: that class sweeps the shared table by its window. */
  static final Duration WINDOW = LoginThrottle.WINDOW;

  private final Database db;
  private final String kind;
  private final int perAccount;
  private final int perAddress;

  RequestThrottle(Database db, String kind, int perAccount, int perAddress) {
    this.db = db;
    this.kind = kind;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /**
   * Counts this request, or fails with 429 {@code throttled} (and forgets it) when either limit is
   * passed.
   */
  Future<Void> admit(String email, String clientAddress) {
    Instant now = Instant.now();
    Instant cutoff = now.minus(WINDOW);
    String account = Secrets.hash(kind + "-account:" + email.strip().toLowerCase(Locale.ROOT));
    String client = Secrets.hash(kind + "-address:" + clientAddress);
    return db.sql()
        .one(
            "INSERT INTO login_attempts (subject, created_on) VALUES ($1, $2) RETURNING id",
            account,
            now)
        .compose(
            a ->
                db.sql()
                    .one(
                        "INSERT INTO login_attempts (subject, created_on) VALUES ($1, $2) RETURNING id",
                        client,
                        now)
                    .compose(
                        b ->
                            db.sql()
                                .count(
                                    "SELECT count(*) FROM login_attempts WHERE subject = $1 AND created_on > $2",
                                    account,
                                    cutoff)
                                .compose(
                                    accountCount ->
                                        db.sql()
                                            .count(
                                                "SELECT count(*) FROM login_attempts WHERE subject = $1 AND created_on > $2",
                                                client,
                                                cutoff)
                                            .compose(
                                                clientCount -> {
                                                  if (accountCount <= perAccount
                                                      && clientCount <= perAddress) {
                                                    return Future.<Void>succeededFuture();
                                                  }
                                                  return db.sql()
                                                      .update(
                                                          "DELETE FROM login_attempts WHERE id IN ($1, $2)",
                                                          a.orElseThrow().getLong(0),
                                                          b.orElseThrow().getLong(0))
                                                      .compose(
                                                          n ->
                                                              Future.failedFuture(
                                                                  ApiException.tooManyRequests(
                                                                      "Too many requests for this address; try again in a few minutes.",
                                                                      WINDOW.toSeconds())));
                                                }))));
  }
}
