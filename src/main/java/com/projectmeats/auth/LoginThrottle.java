package com.projectmeats.auth;

import com.projectmeats.core.db.Database;
import com.projectmeats.core.db.Rows;
import com.projectmeats.core.error.ApiException;
import com.projectmeats.core.security.Secrets;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Limits password guessing, per account and per client address, with the counts in the database so
 * that every replica enforces the same limit.
 *
 * <p>An attempt is written down <em>before</em> the password is checked and counts as a failure
 * until it succeeds. Concurrent guesses therefore see each other: of a burst of requests, at most
 * the limit get as far as the (slow) password check. A refused attempt is not kept, so hammering a
 * locked account does not extend its lock; a success forgets the account's failures.
 */
final class LoginThrottle {
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** Failures per account within the window before sign-in is refused. */
  static final int ACCOUNT_LIMIT = 5;

  /**
   * Higher per address: one office behind one NAT address must not lock itself out by a few typos.
   */
  static final int ADDRESS_LIMIT = 20;

  private final Database db;

  LoginThrottle(Database db) {
    this.db = db;
  }

  /**
   * An attempt under way: its two rows, and how many failures the account has in the window, this
   * one included.
   */
  record Attempt(String accountSubject, long accountRow, long addressRow, long accountFailures) {}

  /**
   * Records an attempt, or fails with 429 {@code throttled} and Retry-After when either limit is
   * reached.
   */
  Future<Attempt> begin(String email, String address) {
    Instant now = Instant.now();
    Instant cutoff = now.minus(WINDOW);
    String account = subject("account", email.strip().toLowerCase(Locale.ROOT));
    String client = subject("address", address);
    return db.sql()
        .update("DELETE FROM login_attempts WHERE created_on <= $1", cutoff)
        .compose(swept -> insert(account, now))
        .compose(
            accountRow ->
                insert(client, now)
                    .compose(
                        addressRow ->
                            count(account, cutoff)
                                .compose(
                                    accountCount ->
                                        count(client, cutoff)
                                            .compose(
                                                addressCount -> {
                                                  if (accountCount <= ACCOUNT_LIMIT
                                                      && addressCount <= ADDRESS_LIMIT) {
                                                    return Future.succeededFuture(
                                                        new Attempt(
                                                            account,
                                                            accountRow,
                                                            addressRow,
                                                            accountCount));
                                                  }
                                                  boolean byAccount = accountCount > ACCOUNT_LIMIT;
                                                  return refuse(
                                                      byAccount ? account : client,
                                                      byAccount
                                                          ? accountCount - 1 - ACCOUNT_LIMIT
                                                          : addressCount - 1 - ADDRESS_LIMIT,
                                                      cutoff,
                                                      now,
                                                      accountRow,
                                                      addressRow);
                                                }))));
  }

  /**
   * A correct password: the account starts afresh, and this attempt is no failure of the address
   * either.
   */
  Future<Void> succeeded(Attempt attempt) {
    return db.sql()
        .update(
            "DELETE FROM login_attempts WHERE subject = $1 OR id = $2",
            attempt.accountSubject(),
            attempt.addressRow())
        .mapEmpty();
  }

  private Future<Long> insert(String subject, Instant now) {
    return db.sql()
        .one(
            "INSERT INTO login_attempts (subject, created_on) VALUES ($1, $2) RETURNING id",
            subject,
            now)
        .map(row -> row.orElseThrow().getLong(0));
  }

  private Future<Long> count(String subject, Instant cutoff) {
    return db.sql()
        .count(
            "SELECT count(*) FROM login_attempts WHERE subject = $1 AND created_on > $2",
            subject,
            cutoff);
  }

  /**
   * Forgets this attempt and answers 429. Retry-After is when enough earlier failures leave the
   * window for one more attempt to be allowed: the {@code skip}-th oldest one's expiry.
   */
  private <T> Future<T> refuse(
      String subject, long skip, Instant cutoff, Instant now, long accountRow, long addressRow) {
    return db.sql()
        .update("DELETE FROM login_attempts WHERE id IN ($1, $2)", accountRow, addressRow)
        .compose(
            n ->
                db.sql()
                    .one(
                        """
            SELECT created_on FROM login_attempts WHERE subject = $1 AND created_on > $2
             ORDER BY created_on LIMIT 1 OFFSET $3""",
                        subject,
                        cutoff,
                        Math.max(0, skip)))
        .compose(
            row -> {
              Instant oldest = row.map(r -> Rows.instant(r, "created_on")).orElse(now);
              long seconds =
                  (long) Math.ceil(Duration.between(now, oldest.plus(WINDOW)).toMillis() / 1000.0);
              return Future.failedFuture(
                  ApiException.tooManyRequests(
                      "Too many failed sign-ins; try again in "
                          + Math.max(1, (seconds + 59) / 60)
                          + " minute(s).",
                      seconds));
            });
  }

  private static String subject(String kind, String value) {
    return Secrets.hash(kind + ":" + value);
  }
}
